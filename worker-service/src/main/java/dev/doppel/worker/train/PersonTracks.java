package dev.doppel.worker.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.doppel.pipeline.face.FaceEmbedding;

/**
 * Which faces of a video are one person: a face joins the track of its video whose latest face is
 * nearest in identity, within the same-person distance, and no track takes two faces of one frame;
 * any other face starts a track. A face's place in its frame (largest first) would not do: two
 * people swap places as they move, and one false detection shifts every rank after it.
 */
final class PersonTracks {

    /** One face of a video, in frame order. */
    record Face(String video, long frame, float[] embedding) {
    }

    private static final class Track {
        final String clip;
        FaceEmbedding last;
        long frame;

        Track(String clip, FaceEmbedding last, long frame) {
            this.clip = clip;
            this.last = last;
            this.frame = frame;
        }
    }

    private PersonTracks() {
    }

    /** The clip of each face, in the order given: the video and a track number. */
    static List<String> clips(List<Face> faces) {
        Map<String, List<Track>> byVideo = new HashMap<>();
        List<String> clips = new ArrayList<>(faces.size());
        for (Face face : faces) {
            FaceEmbedding embedding = new FaceEmbedding(face.embedding());
            List<Track> tracks = byVideo.computeIfAbsent(face.video(), v -> new ArrayList<>());
            Track nearest = null;
            double best = FaceEmbedding.SAME_PERSON;
            for (Track track : tracks) {
                double distance = track.last.distance(embedding);
                if (track.frame != face.frame() && distance < best) {
                    best = distance;
                    nearest = track;
                }
            }
            if (nearest == null) {
                nearest = new Track(face.video() + "#" + tracks.size(), embedding, face.frame());
                tracks.add(nearest);
            }
            nearest.last = embedding;
            nearest.frame = face.frame();
            clips.add(nearest.clip);
        }
        return clips;
    }
}
