package dev.doppel.worker.extract;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import dev.doppel.pipeline.face.AlignmentOptions;
import dev.doppel.pipeline.face.ExtractedFace;
import dev.doppel.pipeline.face.FaceBox;
import dev.doppel.pipeline.face.LandmarkSet;
import dev.doppel.pipeline.media.ContactSheet;
import dev.doppel.pipeline.media.DigitalSourceType;
import dev.doppel.pipeline.media.LabelledPng;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.worker.runtime.JobContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one extract job has found so far: the kept faces (crops and masks already stored as this
 * attempt's artifacts), why others were dropped, the alignments document and contact-sheet tiles.
 */
final class FaceSetExtraction {

    private static final int MAX_TILES = 48;

    private final JobContext context;
    private final FaceFilter filter;
    private final AlignmentOptions options;
    private final JsonMapper json;
    private final List<FaceRow> kept = new ArrayList<>();
    private final Map<String, Integer> dropped = new TreeMap<>();
    private final List<Map<String, Object>> alignments = new ArrayList<>();
    private final List<ContactSheet.Tile> tiles = new ArrayList<>();
    private int found;
    private long frames;

    FaceSetExtraction(JobContext context, FaceFilter filter, AlignmentOptions options, JsonMapper json) {
        this.context = context;
        this.filter = filter;
        this.options = options;
        this.json = json;
    }

    void frame(FaceSetMedia.Upload upload, long frameIndex, Long timestampMillis, List<ExtractedFace> faces) throws IOException {
        frames++;
        List<Map<String, Object>> described = new ArrayList<>();
        for (ExtractedFace face : faces) {
            found++;
            Optional<String> rejection = filter.rejection(face);
            Map<String, Object> entry = describe(face);
            if (rejection.isPresent()) {
                dropped.merge(rejection.get(), 1, Integer::sum);
                entry.put("dropped", rejection.get());
            } else {
                UUID id = UUID.randomUUID();
                entry.put("faceId", id);
                kept.add(store(id, upload, frameIndex, timestampMillis, face));
                if (tiles.size() < MAX_TILES) {
                    tiles.add(new ContactSheet.Tile(face.aligned().crop(), String.format("%.0f px · blur %.0f",
                            face.quality().size(), face.quality().blur())));
                }
            }
            described.add(entry);
        }
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("mediaId", upload.id());
        frame.put("frameIndex", frameIndex);
        frame.put("timestampMillis", timestampMillis);
        frame.put("faces", described);
        alignments.add(frame);
        context.metric("facesKept", kept.size());
    }

    private FaceRow store(UUID id, FaceSetMedia.Upload upload, long frameIndex, Long timestampMillis, ExtractedFace face)
            throws IOException {
        String origin = " of upload " + upload.id() + (timestampMillis == null ? "" : " at " + timestampMillis + " ms")
                + ", made by Doppel with landmarks from a trained model.";
        String cropKey = context.storeArtifact("faces/" + id + ".png", LabelledPng.encode(face.aligned().crop(),
                new Provenance(DigitalSourceType.ALGORITHMICALLY_ENHANCED, "Aligned face crop" + origin)), "image/png");
        String maskKey = context.storeArtifact("faces/" + id + "-mask.png", LabelledPng.encode(face.aligned().mask(),
                new Provenance(DigitalSourceType.ALGORITHMICALLY_ENHANCED, "Face mask" + origin)), "image/png");
        return new FaceRow(id, upload.id(), frameIndex, timestampMillis, face.faceIndex(), cropKey, maskKey, options.size(),
                options.coverage().name(), json.writeValueAsString(box(face.detection().box())),
                json.writeValueAsString(points(face.landmarks())), json.writeValueAsString(face.aligned().toCrop()),
                face.quality().detectionScore(), face.quality().blur(), face.quality().size(), face.quality().yawDegrees(),
                face.quality().pitchDegrees(), face.embedding().vector(), filter.identityDistance(face).orElse(null));
    }

    private Map<String, Object> describe(ExtractedFace face) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("faceIndex", face.faceIndex());
        entry.put("box", box(face.detection().box()));
        entry.put("score", face.detection().score());
        entry.put("landmarks", points(face.landmarks()));
        entry.put("toCrop", face.aligned().toCrop());
        entry.put("blur", face.quality().blur());
        entry.put("yaw", face.quality().yawDegrees());
        entry.put("pitch", face.quality().pitchDegrees());
        filter.identityDistance(face).ifPresent(distance -> entry.put("identityDistance", distance));
        return entry;
    }

    private static Map<String, Object> box(FaceBox box) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("x", box.x());
        view.put("y", box.y());
        view.put("width", box.width());
        view.put("height", box.height());
        return view;
    }

    private static double[][] points(LandmarkSet landmarks) {
        return landmarks.points().stream().map(point -> new double[] {point.x(), point.y()}).toArray(double[][]::new);
    }

    List<FaceRow> kept() {
        return kept;
    }

    Map<String, Integer> dropped() {
        return dropped;
    }

    int found() {
        return found;
    }

    long frames() {
        return frames;
    }

    List<ContactSheet.Tile> tiles() {
        return tiles;
    }

    List<Map<String, Object>> alignments() {
        return alignments;
    }
}
