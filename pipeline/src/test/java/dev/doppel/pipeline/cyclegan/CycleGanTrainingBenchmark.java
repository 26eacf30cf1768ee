package dev.doppel.pipeline.cyclegan;

import java.util.Random;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.ModelSettings;
import dev.doppel.pipeline.swap.TrainingBenchmark;

/**
 * Training speed of the SameDiff CycleGAN beside the SameDiff Original, in one run on one CPU: ms
 * per step and achieved GFLOP/s. A measurement, not a test: {@code ./mvnw -B -pl pipeline -Pbench
 * exec:exec@cyclegan-training-benchmark} (arguments: resolution widthScale batch steps).
 *
 * <p>FLOPs count the multiply-adds of every conv, x 2 for FLOPs; a CycleGAN step runs six generator
 * passes per image pair (two translations, two round trips, two identities) and two discriminator
 * passes in the generators' loss, then four discriminator passes in theirs, each backward counted as
 * twice its forward: 18 generator and 18 discriminator forwards' worth per pair. Instance norm,
 * padding and the losses are left out; they are memory-bound.
 */
public final class CycleGanTrainingBenchmark {

    private CycleGanTrainingBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length == 4) {
            run(Integer.parseInt(args[0]), Double.parseDouble(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        // The reference trains with batch 1; the Original's line is faceswap's batch 16 + 16.
        run(64, 1.0, 1, 5);
        run(128, 1.0, 1, 3);
        TrainingBenchmark.main(new String[] {"64", "1.0", "16", "3"});
    }

    private static void run(int resolution, double width, int batch, int steps) {
        CycleGanOptions options = CycleGanOptions.of(new ModelSettings(resolution, width, 2e-4, 1));
        try (SameDiffCycleGanModel model = SameDiffCycleGanModel.create(options)) {
            FaceBatch a = faces(batch, resolution, 1);
            FaceBatch b = faces(batch, resolution, 2);
            model.trainStep(a, b);
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                model.trainStep(a, b);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double flops = 2 * batch * (18 * generatorMultiplyAdds(options) + 18 * discriminatorMultiplyAdds(options));
            System.out.printf("CycleGAN %d px, width %.2f, %d residual blocks (%.2f M parameters), batch %d+%d, threads %s: "
                    + "%.0f ms/step, %.0f GFLOP/step, %.1f GFLOP/s%n", resolution, width, options.residualBlocks(),
                    model.parameterCount() / 1e6, batch, batch, System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"),
                    seconds * 1000 / steps, flops / 1e9, flops * steps / seconds / 1e9);
        }
    }

    /** One face through one generator, layer by layer as ResnetGenerator builds it. */
    static double generatorMultiplyAdds(CycleGanOptions options) {
        double r = options.settings().resolution();
        double c = options.generatorWidth();
        double macs = r * r * c * 49 * 3;
        macs += (r / 2) * (r / 2) * (2 * c) * 9 * c;
        macs += (r / 4) * (r / 4) * (4 * c) * 9 * (2 * c);
        macs += options.residualBlocks() * 2 * (r / 4) * (r / 4) * (4 * c) * 9 * (4 * c);
        macs += (r / 2) * (r / 2) * (2 * c) * 9 * (4 * c);
        macs += r * r * c * 9 * (2 * c);
        return macs + r * r * 3 * 49 * c;
    }

    /** One face through one PatchGAN: 4x4 convs, padding 1, so a stride-1 layer loses a pixel a side. */
    static double discriminatorMultiplyAdds(CycleGanOptions options) {
        double r = options.settings().resolution();
        double c = options.discriminatorWidth();
        double macs = (r / 2) * (r / 2) * c * 16 * 3;
        macs += (r / 4) * (r / 4) * (2 * c) * 16 * c;
        macs += (r / 8) * (r / 8) * (4 * c) * 16 * (2 * c);
        macs += (r / 8 - 1) * (r / 8 - 1) * (8 * c) * 16 * (4 * c);
        return macs + (r / 8 - 2) * (r / 8 - 2) * 16 * (8 * c);
    }

    private static FaceBatch faces(int n, int r, long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[n * 3 * r * r];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        return new FaceBatch(n, r, pixels);
    }
}
