package dev.doppel.pipeline.face;

/** Separable Gaussian blur of 8-bit grey pixels, in place, the border replicated. */
final class GaussianBlur {

    private GaussianBlur() {
    }

    static void blur(byte[] pixels, int width, int height, double sigma) {
        double[] kernel = kernel(sigma);
        double[] values = new double[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            values[i] = pixels[i] & 0xff;
        }
        double[] rows = pass(values, width, height, kernel, 1, 0);
        double[] both = pass(rows, width, height, kernel, 0, 1);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) Math.round(Math.min(255, Math.max(0, both[i])));
        }
    }

    static double[] kernel(double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-i * i / (2 * sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        return kernel;
    }

    private static double[] pass(double[] in, int width, int height, double[] kernel, int dx, int dy) {
        int radius = kernel.length / 2;
        double[] out = new double[in.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sum = 0;
                for (int k = -radius; k <= radius; k++) {
                    int sx = Math.min(width - 1, Math.max(0, x + k * dx));
                    int sy = Math.min(height - 1, Math.max(0, y + k * dy));
                    sum += kernel[k + radius] * in[sy * width + sx];
                }
                out[y * width + x] = sum;
            }
        }
        return out;
    }
}
