package dev.doppel.pipeline.animate;

import dev.doppel.pipeline.face.LandmarkSet;

/**
 * The points beyond the 68 landmarks that let the head, not only the face, move: an inner ring
 * around the head (hair, ears, the top of the neck) that follows the head's motion, and an outer
 * ring that stays where it is, so the background beyond it is still and the band between the rings
 * stretches as a neck and shoulders would. Both are sized from the photo's face (the jaw's width)
 * and may reach past the picture's edges: only the pixels inside it are drawn.
 */
record HeadRings(double[] inner, double[] outer) {

    static final int INNER_POINTS = 12;
    static final int OUTER_POINTS = 16;

    static HeadRings around(LandmarkSet face) {
        var p = face.points();
        double width = Math.hypot(p.get(16).x() - p.get(0).x(), p.get(16).y() - p.get(0).y());
        double cx = 0, cy = 0;
        for (int i = 0; i < 27; i++) {
            cx += p.get(i).x() / 27;
            cy += p.get(i).y() / 27;
        }
        // The head's middle is above the landmarks' (the hair), its outline wider than the jaw (the ears).
        cy -= 0.2 * width;
        return new HeadRings(ellipse(cx, cy, 0.95 * width, 1.25 * width, INNER_POINTS), ellipse(cx, cy, 1.8 * width, 2.2 * width, OUTER_POINTS));
    }

    private static double[] ellipse(double cx, double cy, double rx, double ry, int count) {
        double[] xy = new double[2 * count];
        for (int i = 0; i < count; i++) {
            double angle = 2 * Math.PI * (i + 0.5) / count;
            xy[2 * i] = cx + rx * Math.cos(angle);
            xy[2 * i + 1] = cy + ry * Math.sin(angle);
        }
        return xy;
    }
}
