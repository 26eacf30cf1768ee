package dev.doppel.pipeline.motion;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PyTorch's {@code grid_sample} (bilinear, zeros outside, align_corners: -1 and 1 are the centres
 * of the edge pixels), which SameDiff lacks. Written with a matrix product and elementwise ops only,
 * so autodiff gives the gradient to both the features and the sampling coordinates: a point's
 * weight on input row j is relu(1 - |y - j|), on column i relu(1 - |x - i|), in input pixels, which
 * is bilinear interpolation between the four nearest pixels and zero beyond the edge.
 */
final class BilinearSampler {

    private BilinearSampler() {
    }

    /**
     * @param features B x C x side x side
     * @param x        B x P, the horizontal coordinate of each output point in [-1, 1]
     * @param y        B x P
     * @return B x C x outSide x outSide, with P = outSide²
     */
    static SDVariable sample(SameDiff sd, SDVariable features, int channels, int side, SDVariable x, SDVariable y, int outSide) {
        int points = outSide * outSide;
        SDVariable columns = weights(sd, x, side, points);
        SDVariable rows = weights(sd, y, side, points);
        // Rows first: B x P x side times B x side x (C * side), then the columns' weights summed over.
        SDVariable byRow = rows.mmul(features.permute(0, 2, 1, 3).reshape(-1, side, (long) channels * side))
                .reshape(-1, points, channels, side);
        SDVariable sampled = sd.sum(byRow.mul(columns.reshape(-1, points, 1, side)), 3);
        return sampled.permute(0, 2, 1).reshape(-1, channels, outSide, outSide);
    }

    /** B x P x side: each point's interpolation weight on each pixel index along one axis. */
    private static SDVariable weights(SameDiff sd, SDVariable coordinate, int side, int points) {
        SDVariable pixel = coordinate.add(1).mul((side - 1) / 2.0).reshape(-1, points, 1);
        SDVariable index = sd.constant(Nd4j.arange(side).castTo(DataType.FLOAT).reshape(1, 1, side));
        return sd.nn().relu(sd.math().abs(pixel.sub(index)).rsub(1), 0);
    }

    /**
     * The same sampling in plain Java, for images the graph only reads (the equivariance loss's
     * warped frames): {@code image} C x side x side, row-major; coordinates as above, one per output pixel.
     */
    static float[] sample(float[] image, int channels, int side, double[] x, double[] y) {
        int points = x.length;
        float[] out = new float[channels * points];
        for (int p = 0; p < points; p++) {
            double px = (x[p] + 1) * (side - 1) / 2;
            double py = (y[p] + 1) * (side - 1) / 2;
            int x0 = (int) Math.floor(px);
            int y0 = (int) Math.floor(py);
            for (int dy = 0; dy < 2; dy++) {
                for (int dx = 0; dx < 2; dx++) {
                    int xi = x0 + dx;
                    int yi = y0 + dy;
                    if (xi < 0 || yi < 0 || xi >= side || yi >= side) {
                        continue;
                    }
                    double w = (1 - Math.abs(px - xi)) * (1 - Math.abs(py - yi));
                    for (int c = 0; c < channels; c++) {
                        out[c * points + p] += (float) (w * image[(c * side + yi) * side + xi]);
                    }
                }
            }
        }
        return out;
    }
}
