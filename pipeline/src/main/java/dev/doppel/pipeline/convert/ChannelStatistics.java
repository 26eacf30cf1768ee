package dev.doppel.pipeline.convert;

import dev.doppel.pipeline.image.Levels;

/** Weighted mean and standard deviation of each channel of three-channel interleaved values. */
record ChannelStatistics(double[] mean, double[] std) {

    static ChannelStatistics of(float[] values, float[] weight) {
        double[] sum = new double[3];
        double[] squares = new double[3];
        double total = 0;
        for (int i = 0; i < weight.length; i++) {
            double w = weight[i];
            total += w;
            for (int c = 0; c < 3; c++) {
                double v = values[3 * i + c];
                sum[c] += w * v;
                squares[c] += w * v * v;
            }
        }
        double[] mean = new double[3];
        double[] std = new double[3];
        for (int c = 0; c < 3; c++) {
            mean[c] = sum[c] / total;
            std[c] = Math.sqrt(Math.max(0, squares[c] / total - mean[c] * mean[c]));
        }
        return new ChannelStatistics(mean, std);
    }

    static float[] rgb(int[] pixels) {
        float[] values = new float[pixels.length * 3];
        for (int i = 0; i < pixels.length; i++) {
            for (int c = 0; c < 3; c++) {
                values[3 * i + c] = Levels.channel(pixels[i], c);
            }
        }
        return values;
    }
}
