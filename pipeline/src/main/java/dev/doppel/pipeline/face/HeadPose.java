package dev.doppel.pipeline.face;

/**
 * Yaw and pitch of a head from its 2D landmarks, by fitting a generic 3D face under scaled
 * orthographic projection: the first step of POSIT (DeMenthon and Davis, "Model-based object pose
 * in 25 lines of code", IJCV 1995). Faces are small against their distance from the camera, so
 * perspective adds little, and the fit is a 4x4 least-squares solve with no OpenCV natives.
 *
 * <p>Positive yaw: the nose points to the right of the picture. Positive pitch: the chin is up.
 */
public record HeadPose(double yawDegrees, double pitchDegrees) {

    // The generic six-point head model of OpenCV's solvePnP head-pose tutorials (nose tip 30,
    // chin 8, outer eye corners 36 and 45, mouth corners 48 and 54), in millimetre-like units,
    // turned into picture axes: x right, y down, z away from the camera.
    private static final int[] LANDMARKS = {30, 8, 36, 45, 48, 54};
    private static final double[][] MODEL = {
        {0, 0, 0}, {0, 330, 65}, {-225, -170, 135}, {225, -170, 135}, {-150, 150, 125}, {150, 150, 125}};

    public static HeadPose estimate(LandmarkSet landmarks) {
        double[] rowX = fitRow(landmarks, true);
        double[] rowY = fitRow(landmarks, false);
        double[] r1 = unit(rowX);
        double[] r2 = unit(rowY);
        // A pure yaw by t makes the first row (cos t, 0, sin t); a pure pitch by p makes the second
        // (0, cos p, -sin p), with the signs flipped here to match the conventions above.
        double yaw = Math.atan2(-r1[2], r1[0]);
        double pitch = Math.atan2(r2[2], r2[1]);
        return new HeadPose(Math.toDegrees(yaw), Math.toDegrees(pitch));
    }

    // Least squares for one image coordinate as a X + b Y + c Z + d over the model points.
    private static double[] fitRow(LandmarkSet landmarks, boolean x) {
        double[][] normal = new double[4][5];
        for (int i = 0; i < LANDMARKS.length; i++) {
            LandmarkSet.Point p = landmarks.points().get(LANDMARKS[i]);
            double[] a = {MODEL[i][0], MODEL[i][1], MODEL[i][2], 1};
            double b = x ? p.x() : p.y();
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    normal[r][c] += a[r] * a[c];
                }
                normal[r][4] += a[r] * b;
            }
        }
        return solve(normal);
    }

    // Gauss-Jordan elimination with partial pivoting on an augmented 4x5 matrix.
    private static double[] solve(double[][] m) {
        int n = m.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double f = m[r][col] / m[col][col];
                    for (int c = col; c <= n; c++) {
                        m[r][c] -= f * m[col][c];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int r = 0; r < n; r++) {
            x[r] = m[r][n] / m[r][r];
        }
        return x;
    }

    private static double[] unit(double[] row) {
        double norm = Math.sqrt(row[0] * row[0] + row[1] * row[1] + row[2] * row[2]);
        return new double[] {row[0] / norm, row[1] / norm, row[2] / norm};
    }
}
