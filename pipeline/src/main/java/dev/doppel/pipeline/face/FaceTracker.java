package dev.doppel.pipeline.face;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Follows faces from one sampled frame to the next by box overlap (greedy, best IoU first) and
 * smooths each track's landmarks with a 1€ filter per coordinate. Coordinates are filtered in
 * units of the track's face width, so one set of filter constants fits small and large faces.
 */
public final class FaceTracker {

    static final double MIN_IOU = 0.3;
    /** A track survives this many sampled frames without its face (a blink of the detector). */
    static final int MAX_MISSES = 3;
    // 1€ constants for normalised landmark coordinates: 1 Hz cutoff at rest, opening with speed.
    private static final double MIN_CUTOFF = 1.0;
    private static final double BETA = 0.5;
    private static final double DERIVATIVE_CUTOFF = 1.0;

    private final List<Track> tracks = new ArrayList<>();

    private static final class Track {
        FaceBox box;
        final double unit;
        final OneEuroFilter[] filters = new OneEuroFilter[136];
        int misses;

        Track(FaceBox box) {
            this.box = box;
            this.unit = Math.max(1, box.width());
            for (int i = 0; i < filters.length; i++) {
                filters[i] = new OneEuroFilter(MIN_CUTOFF, BETA, DERIVATIVE_CUTOFF);
            }
        }

        LandmarkSet smooth(LandmarkSet raw, double seconds) {
            List<LandmarkSet.Point> points = new ArrayList<>(68);
            for (int i = 0; i < 68; i++) {
                LandmarkSet.Point p = raw.points().get(i);
                points.add(new LandmarkSet.Point(filters[2 * i].filter(p.x() / unit, seconds) * unit,
                        filters[2 * i + 1].filter(p.y() / unit, seconds) * unit));
            }
            return new LandmarkSet(points);
        }
    }

    /** The same faces, in the same order, with smoothed landmarks. */
    public List<LocatedFace> update(List<LocatedFace> faces, double seconds) {
        Track[] matched = match(faces);
        List<LocatedFace> smoothed = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            LocatedFace face = faces.get(i);
            Track track = matched[i];
            if (track == null) {
                track = new Track(face.detection().box());
                tracks.add(track);
            }
            track.box = face.detection().box();
            track.misses = -1;
            smoothed.add(face.withLandmarks(track.smooth(face.landmarks(), seconds)));
        }
        for (Iterator<Track> it = tracks.iterator(); it.hasNext();) {
            Track track = it.next();
            if (++track.misses > MAX_MISSES) {
                it.remove();
            }
        }
        return smoothed;
    }

    private Track[] match(List<LocatedFace> faces) {
        record Pair(int face, Track track, double iou) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            for (Track track : tracks) {
                double iou = faces.get(i).detection().box().iou(track.box);
                if (iou >= MIN_IOU) {
                    pairs.add(new Pair(i, track, iou));
                }
            }
        }
        pairs.sort((a, b) -> Double.compare(b.iou(), a.iou()));
        Track[] matched = new Track[faces.size()];
        List<Track> taken = new ArrayList<>();
        for (Pair pair : pairs) {
            if (matched[pair.face()] == null && !taken.contains(pair.track())) {
                matched[pair.face()] = pair.track();
                taken.add(pair.track());
            }
        }
        return matched;
    }

}
