package dev.doppel.pipeline.motion;

/**
 * Keypoints of N frames: K points each, at x, y in [-1, 1] of the frame (left/top -1), with a 2 x 2
 * Jacobian each (row-major: dx/dx', dx/dy', dy/dx', dy/dy'), the local affine motion around it.
 *
 * @param positions N x K x 2
 * @param jacobians N x K x 4
 */
public record Keypoints(int frames, int count, float[] positions, float[] jacobians) {

    public Keypoints {
        if (positions.length != frames * count * 2 || jacobians.length != frames * count * 4) {
            throw new IllegalArgumentException("expected " + frames + " x " + count + " keypoints with a 2 x 2 Jacobian each");
        }
    }
}
