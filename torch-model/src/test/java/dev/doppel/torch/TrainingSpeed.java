package dev.doppel.torch;

import dev.doppel.pipeline.nn.NativeHeap;
import dev.doppel.pipeline.swap.SameDiffSwapModel;
import dev.doppel.pipeline.swap.StepLosses;
import dev.doppel.pipeline.swap.SwapModel;
import dev.doppel.pipeline.swap.SwapModelOptions;
import dev.doppel.pipeline.swap.TrainingBatch;

/**
 * Training speed of faceswap's Original, PyTorch (this module) against SameDiff (pipeline's
 * SameDiffSwapModel) in one JVM, at 64 and 128 px, batch 16 + 16: ms per step, EGs/s, GFLOP/s
 * and the fraction of the CPU's peak for each engine, and their ratio.
 * Run by the bench profile: ./mvnw -B -pl torch-model -am -Dbench=torch verify -DskipTests
 *
 * <p>Both models start from the same weights (SameDiff's, copied into PyTorch) and first train
 * {@value #AGREEMENT_STEPS} steps on the same fixed batch: their losses at the last of them must
 * agree within {@value #AGREEMENT}, or the two are not the same network, loss and optimiser and
 * the timing means nothing. The timed steps alternate between the engines, so a machine that
 * speeds up or slows down during the run (a shared one does) weighs on both alike.
 *
 * <p>FLOPs: the forward pass's multiply-adds of every convolution and linear, x 2 for FLOPs, x 3
 * for forward and backward. The peak is {@code -Dbench.peak-gflops}, by default 166 GFLOP/s:
 * two Zen 4 cores at about 2.6 GHz, each two 256-bit FMA pipes (AVX-512 runs on them in two
 * halves), 32 FP32 FLOPs a cycle.
 */
public final class TrainingSpeed {

    private static final int BATCH = 16;
    private static final int AGREEMENT_STEPS = 10;
    private static final double AGREEMENT = 1e-3;
    private static final int TIMED = 5;

    private TrainingSpeed() {
    }

    public static void main(String[] args) {
        double peak = Double.parseDouble(System.getProperty("bench.peak-gflops", "166"));
        System.out.printf("threads: OMP_NUM_THREADS=%s, ai.djl.pytorch.num_threads=%s; %s; peak %.0f GFLOP/s%n",
                System.getenv("OMP_NUM_THREADS"), System.getProperty("ai.djl.pytorch.num_threads"), NativeHeap.describe(), peak);
        boolean agreed = true;
        for (int resolution : new int[] {64, 128}) {
            agreed &= compare(new SwapModelOptions(resolution, 1.0, 5e-5, 1), peak);
        }
        if (!agreed) {
            throw new IllegalStateException("the engines' losses disagree: not the same network, loss or optimiser");
        }
    }

    private static boolean compare(SwapModelOptions options, double peak) {
        TrainingBatch a = SyntheticFaces.batch(BATCH, options.resolution(), 1);
        TrainingBatch b = SyntheticFaces.batch(BATCH, options.resolution(), 2);
        try (SameDiffSwapModel sameDiff = SameDiffSwapModel.create(options); TorchSwapModel torch = TorchSwapModel.create(options)) {
            SameWeights.copy(sameDiff, torch);
            StepLosses torchLosses = null;
            StepLosses sameDiffLosses = null;
            for (int i = 0; i < AGREEMENT_STEPS; i++) {
                torchLosses = torch.trainStep(a, b);
                sameDiffLosses = sameDiff.trainStep(a, b);
            }
            double difference = Math.max(Math.abs(torchLosses.lossA() - sameDiffLosses.lossA()),
                    Math.abs(torchLosses.lossB() - sameDiffLosses.lossB()));
            boolean agree = difference <= AGREEMENT;
            System.out.printf("%d px: losses at step %d from the same weights: PyTorch %.5f + %.5f, SameDiff %.5f + %.5f: "
                            + "%s (largest difference %.1e, limit %.0e)%n", options.resolution(), AGREEMENT_STEPS,
                    torchLosses.lossA(), torchLosses.lossB(), sameDiffLosses.lossA(), sameDiffLosses.lossB(),
                    agree ? "agree" : "DISAGREE", difference, AGREEMENT);

            long torchNanos = 0;
            long sameDiffNanos = 0;
            for (int i = 0; i < TIMED; i++) {
                torchNanos += time(torch, a, b);
                sameDiffNanos += time(sameDiff, a, b);
            }
            double gflopPerStep = torch.multiplyAddsPerFace() * 2.0 * 3 * 2 * BATCH / 1e9;
            double torchMs = torchNanos / 1e6 / TIMED;
            double sameDiffMs = sameDiffNanos / 1e6 / TIMED;
            report("PyTorch", options, torch.parameterCount(), torchMs, gflopPerStep, peak);
            report("SameDiff", options, sameDiff.parameterCount(), sameDiffMs, gflopPerStep, peak);
            System.out.printf("  SameDiff at %.2fx PyTorch's speed (%d steps each, alternating)%n", torchMs / sameDiffMs, TIMED);
            return agree;
        }
    }

    private static long time(SwapModel model, TrainingBatch a, TrainingBatch b) {
        long start = System.nanoTime();
        model.trainStep(a, b);
        return System.nanoTime() - start;
    }

    private static void report(String engine, SwapModelOptions o, long parameters, double ms, double gflopPerStep, double peak) {
        double egs = 2.0 * BATCH * 1000 / ms;
        double gflops = gflopPerStep * 1000 / ms;
        System.out.printf("  %-8s %3d px, batch %d+%d, %.2f M params: %,.0f ms/step, %.2f EGs/s, %.1f GFLOP/step, "
                        + "%.1f GFLOP/s = %.0f%% of peak%n",
                engine, o.resolution(), BATCH, BATCH, parameters / 1e6, ms, egs, gflopPerStep, gflops, 100 * gflops / peak);
    }
}
