package dev.doppel.pipeline.face;

import java.util.List;

/** 2x3 row-major affine matrices [a b tx; c d ty], as OpenCV's warpAffine takes them. */
final class Affine {

    private Affine() {
    }

    static LandmarkSet.Point apply(double[] m, LandmarkSet.Point p) {
        return new LandmarkSet.Point(m[0] * p.x() + m[1] * p.y() + m[2], m[3] * p.x() + m[4] * p.y() + m[5]);
    }

    static LandmarkSet apply(double[] m, LandmarkSet set) {
        return new LandmarkSet(set.points().stream().map(p -> apply(m, p)).toList());
    }

    static List<LandmarkSet.Point> apply(double[] m, List<LandmarkSet.Point> points) {
        return points.stream().map(p -> apply(m, p)).toList();
    }

    /** first, then second. */
    static double[] then(double[] first, double[] second) {
        return new double[] {
            second[0] * first[0] + second[1] * first[3], second[0] * first[1] + second[1] * first[4], second[0] * first[2] + second[1] * first[5] + second[2],
            second[3] * first[0] + second[4] * first[3], second[3] * first[1] + second[4] * first[4], second[3] * first[2] + second[4] * first[5] + second[5]};
    }

    static double[] invert(double[] m) {
        double det = m[0] * m[4] - m[1] * m[3];
        if (det == 0) {
            throw new IllegalArgumentException("singular affine matrix");
        }
        double a = m[4] / det;
        double b = -m[1] / det;
        double c = -m[3] / det;
        double d = m[0] / det;
        return new double[] {a, b, -(a * m[2] + b * m[5]), c, d, -(c * m[2] + d * m[5])};
    }
}
