package dev.doppel.pipeline.train;

import java.awt.image.BufferedImage;
import java.util.List;

import dev.doppel.pipeline.face.AlignedFace;
import dev.doppel.pipeline.face.LandmarkSet;
import dev.doppel.pipeline.image.Resize;

/**
 * One aligned face to learn from: the crop, its face mask (grey, 255 on the face), landmarks in crop
 * pixels, and the clip it came from (one person in one video; null for a photo or where unknown), so
 * a family that learns motion can pair frames of one video.
 */
public record TrainingFace(BufferedImage crop, BufferedImage mask, LandmarkSet landmarksInCrop, String clip) {

    public TrainingFace(BufferedImage crop, BufferedImage mask, LandmarkSet landmarksInCrop) {
        this(crop, mask, landmarksInCrop, null);
    }

    public TrainingFace {
        if (crop.getWidth() != crop.getHeight() || mask.getWidth() != crop.getWidth() || mask.getHeight() != crop.getHeight()) {
            throw new IllegalArgumentException("crop and mask must be the same square size");
        }
    }

    public static TrainingFace of(AlignedFace face) {
        return new TrainingFace(face.crop(), face.mask(), face.landmarksInCrop());
    }

    public int size() {
        return crop.getWidth();
    }

    /** The face at {@code size} px, area-averaged (see {@link Resize}). */
    public TrainingFace resized(int size) {
        if (size == size()) {
            return this;
        }
        double scale = (double) size / size();
        List<LandmarkSet.Point> points = landmarksInCrop.points().stream()
                .map(p -> new LandmarkSet.Point((p.x() + 0.5) * scale - 0.5, (p.y() + 0.5) * scale - 0.5))
                .toList();
        return new TrainingFace(Resize.rgb(crop, size), Resize.grey(mask, size), new LandmarkSet(points), clip);
    }
}
