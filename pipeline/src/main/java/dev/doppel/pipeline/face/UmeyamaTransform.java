package dev.doppel.pipeline.face;

import java.util.List;

/**
 * The similarity (rotation, uniform scale, translation) that maps one point set onto another
 * with the least squared error: Umeyama, "Least-squares estimation of transformation parameters
 * between two point patterns", IEEE TPAMI 13(4), 1991.
 *
 * <p>Umeyama takes the SVD UDV' of the cross-covariance and, where det(U)det(V) &lt; 0, flips
 * the last singular direction (S = diag(1, -1)) so that the result is a rotation, never a
 * reflection. In 2D that works out in closed form: with E and H the symmetric and antisymmetric
 * halves of the covariance, R is the rotation by atan2(H, E) and trace(DS) = 2 sqrt(E² + H²),
 * whatever the sign of the determinant, so no SVD routine is needed.
 */
public record UmeyamaTransform(double scale, double rotation, double translateX, double translateY) {

    public static UmeyamaTransform estimate(List<LandmarkSet.Point> from, List<LandmarkSet.Point> to) {
        int n = from.size();
        if (n != to.size() || n < 2) {
            throw new IllegalArgumentException("need two equally long point lists of at least 2, got " + n + " and " + to.size());
        }
        double fromX = 0, fromY = 0, toX = 0, toY = 0;
        for (int i = 0; i < n; i++) {
            fromX += from.get(i).x();
            fromY += from.get(i).y();
            toX += to.get(i).x();
            toY += to.get(i).y();
        }
        fromX /= n;
        fromY /= n;
        toX /= n;
        toY /= n;
        double dot = 0, cross = 0, variance = 0;
        for (int i = 0; i < n; i++) {
            double ax = from.get(i).x() - fromX;
            double ay = from.get(i).y() - fromY;
            double bx = to.get(i).x() - toX;
            double by = to.get(i).y() - toY;
            dot += ax * bx + ay * by;
            cross += ax * by - ay * bx;
            variance += ax * ax + ay * ay;
        }
        if (variance == 0) {
            throw new IllegalArgumentException("the source points all coincide");
        }
        double rotation = Math.atan2(cross, dot);
        double scale = Math.hypot(dot, cross) / variance;
        double cos = scale * Math.cos(rotation);
        double sin = scale * Math.sin(rotation);
        return new UmeyamaTransform(scale, rotation, toX - (cos * fromX - sin * fromY), toY - (sin * fromX + cos * fromY));
    }

    /** The 2x3 row-major affine matrix [a b tx; c d ty]. */
    public double[] matrix() {
        double cos = scale * Math.cos(rotation);
        double sin = scale * Math.sin(rotation);
        return new double[] {cos, -sin, translateX, sin, cos, translateY};
    }
}
