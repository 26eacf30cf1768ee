package dev.doppel.pipeline.motion;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * 2 x 2 matrices, one per keypoint of each frame, as their four entries (each N x K x 1, to broadcast
 * over a grid's points), so products
 * and inverses are written out in elementwise ops whose gradients SameDiff has.
 */
record Matrix2x2(SDVariable a, SDVariable b, SDVariable c, SDVariable d) {

    /** From N x K x 4, row-major. */
    static Matrix2x2 of(SDVariable jacobians, int keypoints) {
        return new Matrix2x2(entry(jacobians, 0, keypoints), entry(jacobians, 1, keypoints), entry(jacobians, 2, keypoints),
                entry(jacobians, 3, keypoints));
    }

    Matrix2x2 times(Matrix2x2 o) {
        return new Matrix2x2(a.mul(o.a).add(b.mul(o.c)), a.mul(o.b).add(b.mul(o.d)), c.mul(o.a).add(d.mul(o.c)), c.mul(o.b).add(d.mul(o.d)));
    }

    /** The inverse, unguarded as the reference's torch.inverse: a Jacobian that learns to be singular is a bug to see, not to hide. */
    Matrix2x2 inverse() {
        SDVariable det = a.mul(d).sub(b.mul(c));
        return new Matrix2x2(d.div(det), b.neg().div(det), c.neg().div(det), a.div(det));
    }

    /** The matrix applied to the vector (x, y): its first and second entries. */
    SDVariable[] apply(SDVariable x, SDVariable y) {
        return new SDVariable[] {a.mul(x).add(b.mul(y)), c.mul(x).add(d.mul(y))};
    }

    /** Coordinate {@code i} (0: x, 1: y) of N x K x 2 positions, as N x K x 1. */
    static SDVariable coordinate(SDVariable positions, int i, int keypoints) {
        return entry(positions, i, keypoints);
    }

    private static SDVariable entry(SDVariable x, int i, int keypoints) {
        return x.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(i, i + 1)).reshape(-1, keypoints, 1);
    }
}
