package dev.doppel.pipeline.animate;

import dev.doppel.pipeline.motion.Keypoints;

/**
 * The first-order motion model's relative rule on keypoints (its {@code animate.py}): the source's
 * keypoints move by the driver's change since its neutral frame, kp = kp_src + (kp_drv - kp_drv0),
 * and their Jacobians turn as the driver's did, J = J_drv inv(J_drv0) J_src, so the photo keeps its
 * own face shape and only the motion carries over. One frame each.
 */
final class KeypointMotion {

    private KeypointMotion() {
    }

    static Keypoints relative(Keypoints source, Keypoints driving, Keypoints neutral) {
        int k = source.count();
        float[] positions = new float[k * 2];
        float[] jacobians = new float[k * 4];
        for (int i = 0; i < k; i++) {
            for (int c = 0; c < 2; c++) {
                positions[2 * i + c] = source.positions()[2 * i + c] + driving.positions()[2 * i + c] - neutral.positions()[2 * i + c];
            }
            double[] turn = turn(at(driving.jacobians(), i), at(neutral.jacobians(), i));
            double[] moved = times(turn, at(source.jacobians(), i));
            for (int c = 0; c < 4; c++) {
                jacobians[4 * i + c] = (float) moved[c];
            }
        }
        return new Keypoints(1, k, positions, jacobians);
    }

    private static double[] at(float[] jacobians, int i) {
        return new double[] {jacobians[4 * i], jacobians[4 * i + 1], jacobians[4 * i + 2], jacobians[4 * i + 3]};
    }

    private static double[] times(double[] a, double[] b) {
        return new double[] {a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3]};
    }

    /** J_drv inv(J_drv0); a singular neutral Jacobian (a keypoint that saw no structure) turns nothing. */
    private static double[] turn(double[] driving, double[] neutral) {
        double det = neutral[0] * neutral[3] - neutral[1] * neutral[2];
        if (Math.abs(det) < 1e-6) {
            return new double[] {1, 0, 0, 1};
        }
        return times(driving, new double[] {neutral[3] / det, -neutral[1] / det, -neutral[2] / det, neutral[0] / det});
    }
}
