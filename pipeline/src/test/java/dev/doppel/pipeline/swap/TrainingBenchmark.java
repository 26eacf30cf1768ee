package dev.doppel.pipeline.swap;

import dev.doppel.pipeline.family.FaceBatch;

import java.util.Random;

/**
 * Training speed of the SameDiff "Original": ms per step, faceswap's EGs/s (2 x batch x steps /
 * seconds) and achieved GFLOP/s, for 64 px at full width and for 128 px, batch 16 + 16. A
 * measurement, not a test. Run with {@code ./mvnw -B -pl pipeline -Pbench verify}, or alone with
 * arguments {@code resolution widthScale batch steps}. Threads: OMP_NUM_THREADS (2 in the profile).
 *
 * <p>FLOPs count the multiply-adds of every conv and dense layer, x 2 for FLOPs, x 3 for forward
 * plus backward (365 GFLOP per 16 + 16 step at 64 px, counted from the layer shapes). The loss and pixel shuffles are
 * left out; they are memory-bound.
 */
public final class TrainingBenchmark {

    private TrainingBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length == 4) {
            run(Integer.parseInt(args[0]), Double.parseDouble(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        run(64, 1.0, 16, 5);
        run(128, 1.0, 16, 3);
    }

    private static void run(int resolution, double width, int batch, int steps) {
        SwapModelOptions options = new SwapModelOptions(resolution, width, 5e-5, 1);
        try (SameDiffSwapModel model = SameDiffSwapModel.create(options)) {
            TrainingBatch a = batch(batch, resolution, 1);
            TrainingBatch b = batch(batch, resolution, 2);
            model.trainStep(a, b);
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                model.trainStep(a, b);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double flops = 3 * 2 * forwardMultiplyAdds(options) * 2.0 * batch;
            System.out.printf("%d px, width %.2f (%.2f M parameters), batch %d+%d, threads %s: %.0f ms/step, %.1f EGs/s, "
                    + "%.0f GFLOP/step, %.1f GFLOP/s%n", resolution, width, model.parameterCount() / 1e6, batch, batch,
                    System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"), seconds * 1000 / steps,
                    2.0 * batch * steps / seconds, flops / 1e9, flops * steps / seconds / 1e9);
        }
    }

    /** Multiply-adds of one face through the encoder and one decoder, layer by layer as OriginalNetwork builds them. */
    static double forwardMultiplyAdds(SwapModelOptions options) {
        int r = options.resolution();
        double w = options.widthScale();
        int[] encoder = r == 128 ? new int[] {128, 256, 512, 1024, 1024} : new int[] {128, 256, 512, 1024};
        double macs = 0;
        int in = 3;
        int side = r;
        for (int c : encoder) {
            int out = (int) Math.round(c * w);
            side /= 2;
            macs += (double) side * side * out * 25 * in;
            in = out;
        }
        int bottleneck = (int) Math.round(1024 * w);
        macs += (double) in * 16 * bottleneck + (double) bottleneck * 16 * bottleneck;
        in = bottleneck;
        side = 4;
        int[] upscales = r == 128 ? new int[] {512, 256, 128, 64, 32} : new int[] {512, 256, 128, 64};
        for (int c : upscales) {
            int out = (int) Math.round(c * w);
            macs += (double) side * side * 4 * out * 9 * in;
            in = out;
            side *= 2;
        }
        return macs + (double) side * side * 3 * 25 * in;
    }

    private static TrainingBatch batch(int n, int r, long seed) {
        Random random = new Random(seed);
        float[] target = new float[n * 3 * r * r];
        float[] warped = new float[target.length];
        float[] weights = new float[n * r * r];
        for (int i = 0; i < target.length; i++) {
            target[i] = random.nextFloat();
            warped[i] = random.nextFloat();
        }
        java.util.Arrays.fill(weights, 1);
        return new TrainingBatch(new FaceBatch(n, r, warped), new FaceBatch(n, r, target), weights);
    }
}
