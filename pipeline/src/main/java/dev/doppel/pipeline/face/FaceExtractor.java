package dev.doppel.pipeline.face;

import dev.doppel.pipeline.image.RgbImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.doppel.pipeline.stage.StageTimes;

/** detect, landmarks, align, mask, embed, measure: every face of a picture, largest first. */
public final class FaceExtractor {

    private final FaceModels models;

    public FaceExtractor(FaceModels models) {
        this.models = models;
    }

    public List<ExtractedFace> extract(RgbImage image, AlignmentOptions options) {
        return extract(image, options, locate(image));
    }

    /** Faces found and landmarked, largest box first (the main subject, usually). */
    public List<LocatedFace> locate(RgbImage image) {
        return locate(image, new StageTimes());
    }

    /** As {@link #locate(RgbImage)}, adding the time spent to the "detect" and "landmarks" steps. */
    public List<LocatedFace> locate(RgbImage image, StageTimes times) {
        return locateAll(List.of(image), times).get(0);
    }

    /** The faces of several pictures, each as {@link #locate(RgbImage)} finds them, the networks run once on all. */
    public List<List<LocatedFace>> locateAll(List<RgbImage> images, StageTimes times) {
        List<List<DetectedFace>> detections = new ArrayList<>();
        for (List<DetectedFace> found : times.time("detect", () -> models.detector().detectAll(images))) {
            List<DetectedFace> sorted = new ArrayList<>(found);
            sorted.sort(Comparator.comparingDouble((DetectedFace d) -> d.box().width() * d.box().height()).reversed());
            detections.add(sorted);
        }
        List<List<LandmarkSet>> landmarks = times.time("landmarks", () -> models.landmarks().landmarksAll(images,
                detections.stream().map(found -> found.stream().map(DetectedFace::box).toList()).toList()));
        List<List<LocatedFace>> located = new ArrayList<>();
        for (int n = 0; n < images.size(); n++) {
            List<LocatedFace> faces = new ArrayList<>();
            for (int i = 0; i < detections.get(n).size(); i++) {
                faces.add(new LocatedFace(detections.get(n).get(i), landmarks.get(n).get(i)));
            }
            located.add(faces);
        }
        return located;
    }

    /**
     * The rest of the pipeline on faces already located, in their order; the hook where video
     * substitutes landmarks smoothed across frames.
     */
    public List<ExtractedFace> extract(RgbImage image, AlignmentOptions options, List<LocatedFace> faces) {
        List<FaceEmbedding> embeddings = models.embedder().embed(image,
                faces.stream().map(f -> f.landmarks().recognitionCrop()).toList());
        List<ExtractedFace> extracted = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            LocatedFace face = faces.get(i);
            AlignedFace aligned = FaceAligner.align(image, face.landmarks(), options);
            extracted.add(new ExtractedFace(i, face.detection(), face.landmarks(), aligned, embeddings.get(i),
                    FaceQuality.of(face.detection(), face.landmarks(), aligned)));
        }
        return extracted;
    }
}
