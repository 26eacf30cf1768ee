package dev.doppel.pipeline.train;

import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.util.List;

import dev.doppel.pipeline.face.AlignedFace;
import dev.doppel.pipeline.face.LandmarkSet;

/** One aligned face to learn from: the crop, its face mask (grey, 255 on the face) and landmarks in crop pixels. */
public record TrainingFace(BufferedImage crop, BufferedImage mask, LandmarkSet landmarksInCrop) {

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

    /**
     * The face at {@code size} px, area-averaged: extract keeps 256 px crops, the model learns at 64
     * or 128, and sampling a 4x smaller picture bilinearly would alias.
     */
    public TrainingFace resized(int size) {
        if (size == size()) {
            return this;
        }
        double scale = (double) size / size();
        List<LandmarkSet.Point> points = landmarksInCrop.points().stream()
                .map(p -> new LandmarkSet.Point((p.x() + 0.5) * scale - 0.5, (p.y() + 0.5) * scale - 0.5))
                .toList();
        return new TrainingFace(scale(crop, size, BufferedImage.TYPE_INT_RGB), scale(mask, size, BufferedImage.TYPE_BYTE_GRAY),
                new LandmarkSet(points));
    }

    private static BufferedImage scale(BufferedImage image, int size, int type) {
        BufferedImage out = new BufferedImage(size, size, type);
        Graphics2D g = out.createGraphics();
        g.drawImage(image.getScaledInstance(size, size, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        g.dispose();
        return out;
    }
}
