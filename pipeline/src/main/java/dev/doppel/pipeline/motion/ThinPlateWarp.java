package dev.doppel.pipeline.motion;

import java.util.Random;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

import dev.doppel.pipeline.family.FaceBatch;

/**
 * The reference's random Transform for the equivariance losses, one per frame: an affine map near
 * the identity (each entry N(0, {@value #SIGMA_AFFINE})) plus a thin-plate spline on a 5 x 5 grid of
 * control points (weights N(0, {@value #SIGMA_TPS})), whose radial term U(d) = d² log d of the L1
 * distance d is added to both coordinates, as the reference adds it. The frames are warped here, in
 * Java, for the graph only reads them; the keypoints found in them are warped back in the graph,
 * where the loss's gradient must pass through the warp.
 *
 * @param affine  N x 6, row-major 2 x 3
 * @param weights N x 25, one per control point
 */
record ThinPlateWarp(int count, float[] affine, float[] weights) {

    static final double SIGMA_AFFINE = 0.05;
    static final double SIGMA_TPS = 0.005;
    static final int CONTROL_SIDE = 5;
    static final int CONTROLS = CONTROL_SIDE * CONTROL_SIDE;
    /** The reference's guard inside the logarithm. */
    static final double EPSILON = 1e-6;

    static ThinPlateWarp random(int count, Random random) {
        float[] affine = new float[count * 6];
        float[] weights = new float[count * CONTROLS];
        for (int n = 0; n < count; n++) {
            for (int i = 0; i < 6; i++) {
                affine[n * 6 + i] = (float) ((i == 0 || i == 4 ? 1 : 0) + random.nextGaussian() * SIGMA_AFFINE);
            }
            for (int i = 0; i < CONTROLS; i++) {
                weights[n * CONTROLS + i] = (float) (random.nextGaussian() * SIGMA_TPS);
            }
        }
        return new ThinPlateWarp(count, affine, weights);
    }

    /** Where frame n's warp takes the point (x, y). */
    double[] warp(int n, double x, double y) {
        double radial = 0;
        for (int i = 0; i < CONTROLS; i++) {
            double d = Math.abs(x - control(i, 0)) + Math.abs(y - control(i, 1));
            radial += weights[n * CONTROLS + i] * d * d * Math.log(d + EPSILON);
        }
        float[] t = affine;
        int o = n * 6;
        return new double[] {t[o] * x + t[o + 1] * y + t[o + 2] + radial, t[o + 3] * x + t[o + 4] * y + t[o + 5] + radial};
    }

    /** Each frame resampled at its warp of every pixel, mirrored at the edges as the reference's grid_sample(padding_mode="reflection"). */
    FaceBatch apply(FaceBatch frames) {
        int side = frames.size();
        int plane = 3 * side * side;
        float[] out = new float[frames.count() * plane];
        double[] xs = new double[side * side];
        double[] ys = new double[side * side];
        for (int n = 0; n < frames.count(); n++) {
            for (int p = 0; p < side * side; p++) {
                double[] moved = warp(n, CoordinateGrid.at(p % side, side), CoordinateGrid.at(p / side, side));
                xs[p] = mirrored(moved[0]);
                ys[p] = mirrored(moved[1]);
            }
            float[] frame = new float[plane];
            System.arraycopy(frames.pixels(), n * plane, frame, 0, plane);
            System.arraycopy(BilinearSampler.sample(frame, 3, side, xs, ys), 0, out, n * plane, plane);
        }
        return new FaceBatch(frames.count(), side, out);
    }

    /** The warp of N x K x 1 coordinates in the graph: x' and y'. */
    static SDVariable[] warp(SameDiff sd, SDVariable affine, SDVariable weights, SDVariable x, SDVariable y) {
        SDVariable dx = controlOffsets(sd, x, 0);
        SDVariable dy = controlOffsets(sd, y, 1);
        SDVariable d = sd.math().abs(dx).add(sd.math().abs(dy));
        SDVariable radial = sd.sum(sd.math().square(d).mul(sd.math().log(d.add(EPSILON))).mul(weights.reshape(-1, 1, CONTROLS)), true, 2);
        return new SDVariable[] {
            entry(affine, 0).mul(x).add(entry(affine, 1).mul(y)).add(entry(affine, 2)).add(radial),
            entry(affine, 3).mul(x).add(entry(affine, 4).mul(y)).add(entry(affine, 5)).add(radial)};
    }

    /**
     * The warp's Jacobian at N x K x 1 coordinates, written out: the affine part, plus the radial
     * term's derivative U'(d) = 2 d log d + d² / d (both with the guard) times the sign of each offset.
     */
    static Matrix2x2 jacobian(SameDiff sd, SDVariable affine, SDVariable weights, SDVariable x, SDVariable y) {
        SDVariable dx = controlOffsets(sd, x, 0);
        SDVariable dy = controlOffsets(sd, y, 1);
        SDVariable d = sd.math().abs(dx).add(sd.math().abs(dy));
        SDVariable guarded = d.add(EPSILON);
        SDVariable slope = d.mul(sd.math().log(guarded)).mul(2).add(sd.math().square(d).div(guarded)).mul(weights.reshape(-1, 1, CONTROLS));
        SDVariable byX = sd.sum(slope.mul(sd.math().sign(dx)), true, 2);
        SDVariable byY = sd.sum(slope.mul(sd.math().sign(dy)), true, 2);
        return new Matrix2x2(entry(affine, 0).add(byX), entry(affine, 1).add(byY), entry(affine, 3).add(byX), entry(affine, 4).add(byY));
    }

    /** The control points' coordinate {@code axis}, as the reference's 5 x 5 make_coordinate_grid, row-major. */
    static double control(int i, int axis) {
        return CoordinateGrid.at(axis == 0 ? i % CONTROL_SIDE : i / CONTROL_SIDE, CONTROL_SIDE);
    }

    /** N x K x 25: the coordinate less each control point's. */
    private static SDVariable controlOffsets(SameDiff sd, SDVariable coordinate, int axis) {
        float[] controls = new float[CONTROLS];
        for (int i = 0; i < CONTROLS; i++) {
            controls[i] = (float) control(i, axis);
        }
        return coordinate.sub(sd.constant(Nd4j.create(controls, new long[] {1, 1, CONTROLS}, 'c')));
    }

    /** Entry i of N x 6 affine maps, as N x 1 x 1. */
    private static SDVariable entry(SDVariable affine, int i) {
        return affine.get(SDIndex.all(), SDIndex.interval(i, i + 1)).reshape(-1, 1, 1);
    }

    private static double mirrored(double u) {
        double period = 4;
        double v = ((u + 1) % period + period) % period;
        return (v > 2 ? 4 - v : v) - 1;
    }
}
