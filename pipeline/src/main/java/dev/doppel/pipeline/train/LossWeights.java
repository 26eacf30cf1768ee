package dev.doppel.pipeline.train;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;

import dev.doppel.pipeline.face.LandmarkSet;
import dev.doppel.pipeline.image.PlanarImage;

/**
 * Per-pixel loss weights: 0 off the face mask, 1 on the face, 3 on the eyes and 2 on the mouth,
 * faceswap's eye and mouth multipliers (DFL weighs the same regions up): a viewer judges a swap
 * by its eyes and mouth first, and they are small, so unweighted they barely move the loss.
 */
public final class LossWeights {

    public static final float FACE = 1;
    public static final float EYES = 3;
    public static final float MOUTH = 2;
    /** Eye outlines hug the lashes; grown about their centre they take in lids and corners. */
    static final double EYE_GROWTH = 1.6;
    static final double MOUTH_GROWTH = 1.2;

    private LossWeights() {
    }

    /** @return size x size weights, row-major; the mask counts as face where it is at least half on */
    public static float[] of(PlanarImage mask, LandmarkSet landmarks) {
        int size = mask.size();
        BufferedImage regions = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = regions.createGraphics();
        g.setColor(new Color((int) MOUTH, (int) MOUTH, (int) MOUTH));
        g.fill(polygon(landmarks.points().subList(48, 60), MOUTH_GROWTH));
        g.setColor(new Color((int) EYES, (int) EYES, (int) EYES));
        g.fill(polygon(landmarks.points().subList(36, 42), EYE_GROWTH));
        g.fill(polygon(landmarks.points().subList(42, 48), EYE_GROWTH));
        g.dispose();
        float[] weights = new float[size * size];
        for (int i = 0; i < weights.length; i++) {
            if (mask.values()[i] >= 0.5f) {
                int region = regions.getRaster().getSample(i % size, i / size, 0);
                weights[i] = region == 0 ? FACE : region;
            }
        }
        return weights;
    }

    private static Path2D polygon(List<LandmarkSet.Point> outline, double growth) {
        double cx = outline.stream().mapToDouble(LandmarkSet.Point::x).average().orElseThrow();
        double cy = outline.stream().mapToDouble(LandmarkSet.Point::y).average().orElseThrow();
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i < outline.size(); i++) {
            // +0.5: Java2D fills pixel squares whose centres are at half coordinates.
            double x = cx + (outline.get(i).x() - cx) * growth + 0.5;
            double y = cy + (outline.get(i).y() - cy) * growth + 0.5;
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        path.closePath();
        return path;
    }
}
