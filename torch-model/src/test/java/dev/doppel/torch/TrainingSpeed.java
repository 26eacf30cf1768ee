package dev.doppel.torch;

import dev.doppel.pipeline.swap.StepLosses;
import dev.doppel.pipeline.swap.SwapModel;
import dev.doppel.pipeline.swap.SwapModelOptions;
import dev.doppel.pipeline.swap.TrainingBatch;
import java.util.Optional;
import java.util.function.Function;

/**
 * Training speed of faceswap's Original, PyTorch (this module) against SameDiff (pipeline's
 * SameDiffSwapModel, when it is on the classpath) in one JVM: ms per step, EGs/s, FLOPs.
 * Run by the bench profile: ./mvnw -B -pl torch-model -am -Dbench=torch verify
 */
public final class TrainingSpeed {

    private static final String SAMEDIFF = "dev.doppel.pipeline.swap.SameDiffSwapModel";
    private static final int BATCH = 16;
    private static final int WARM_UP = 2;
    private static final int TIMED = 5;

    private TrainingSpeed() {
    }

    public static void main(String[] args) {
        System.out.printf("threads: OMP_NUM_THREADS=%s, ai.djl.pytorch.num_threads=%s%n",
                System.getenv("OMP_NUM_THREADS"), System.getProperty("ai.djl.pytorch.num_threads"));
        Optional<Function<SwapModelOptions, SwapModel>> sameDiff = sameDiffFactory();
        if (sameDiff.isEmpty()) {
            System.out.println(SAMEDIFF + " is not on the classpath: PyTorch only");
        }
        for (SwapModelOptions options : new SwapModelOptions[] {
                new SwapModelOptions(64, 1.0, 5e-5, 1), new SwapModelOptions(128, 1.0, 5e-5, 1)}) {
            TrainingBatch a = SyntheticFaces.batch(BATCH, options.resolution(), 1);
            TrainingBatch b = SyntheticFaces.batch(BATCH, options.resolution(), 2);
            double gflopPerStep;
            double torchMs;
            try (TorchSwapModel torch = TorchSwapModel.create(options)) {
                // Forward and backward cost about 3x the forward's multiply-adds, 2 FLOPs each.
                gflopPerStep = torch.multiplyAddsPerFace() * 2.0 * 3 * 2 * BATCH / 1e9;
                torchMs = time(torch, a, b);
                report("PyTorch", options, torch.parameterCount(), torchMs, gflopPerStep);
            }
            if (sameDiff.isPresent()) {
                try (SwapModel model = sameDiff.get().apply(options)) {
                    double ms = time(model, a, b);
                    report("SameDiff", options, model.parameterCount(), ms, gflopPerStep);
                    System.out.printf("  SameDiff/PyTorch time ratio %.2f (PyTorch speed relative to SameDiff %.2fx)%n",
                            ms / torchMs, ms / torchMs);
                }
            }
        }
    }

    /** Mean ms per step after warm-up; refused steps (non-finite gradients) are counted and reported. */
    private static double time(SwapModel model, TrainingBatch a, TrainingBatch b) {
        for (int i = 0; i < WARM_UP; i++) {
            step(model, a, b);
        }
        int refused = 0;
        long start = System.nanoTime();
        for (int i = 0; i < TIMED; i++) {
            if (!step(model, a, b)) {
                refused++;
            }
        }
        double ms = (System.nanoTime() - start) / 1e6 / TIMED;
        if (refused > 0) {
            System.out.printf("  %d of %d timed steps refused for non-finite gradients%n", refused, TIMED);
        }
        return ms;
    }

    private static boolean step(SwapModel model, TrainingBatch a, TrainingBatch b) {
        try {
            StepLosses losses = model.trainStep(a, b);
            System.out.printf("    step %d: loss A %.4f, B %.4f%n", losses.iteration(), losses.lossA(), losses.lossB());
            return true;
        } catch (IllegalStateException e) {
            System.out.println("    step refused: " + e.getMessage());
            return false;
        }
    }

    private static void report(String engine, SwapModelOptions o, long parameters, double ms, double gflopPerStep) {
        double egs = 2.0 * BATCH * 1000 / ms;
        System.out.printf("%-8s %3d px w=%.2f batch %d+%d, %.2f M params: %,.0f ms/step, %.2f EGs/s, "
                        + "%.1f GFLOP/step, %.1f GFLOP/s%n",
                engine, o.resolution(), o.widthScale(), BATCH, BATCH, parameters / 1e6, ms, egs,
                gflopPerStep, gflopPerStep * 1000 / ms);
    }

    /** SameDiff's model by reflection, so this compiles before (and without) it: create(options) or a constructor. */
    private static Optional<Function<SwapModelOptions, SwapModel>> sameDiffFactory() {
        Class<?> type;
        try {
            type = Class.forName(SAMEDIFF);
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        return Optional.of(options -> {
            try {
                try {
                    return (SwapModel) type.getMethod("create", SwapModelOptions.class).invoke(null, options);
                } catch (NoSuchMethodException e) {
                    return (SwapModel) type.getConstructor(SwapModelOptions.class).newInstance(options);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create " + SAMEDIFF, e);
            }
        });
    }
}
