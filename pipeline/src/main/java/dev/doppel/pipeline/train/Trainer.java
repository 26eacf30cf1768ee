package dev.doppel.pipeline.train;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;
import dev.doppel.pipeline.swap.StepLosses;
import dev.doppel.pipeline.swap.SwapModel;

/**
 * The training loop: steps until the model has taken {@code targetIterations} in all (so a resumed
 * model picks up its count), a checkpoint every {@code checkpointEvery} and at the end, progress
 * and a cancellation check each step. The model itself keeps its memory in order (the SameDiff
 * build collects garbage per step, STACK.md), so the loop stays the same for every backend.
 */
public final class Trainer {

    public record Options(long targetIterations, int batchSize, long checkpointEvery) {

        public Options {
            if (targetIterations < 1 || batchSize < 1 || checkpointEvery < 1) {
                throw new IllegalArgumentException("iterations, batch size and checkpoint interval must be positive");
            }
        }
    }

    /** @param egsPerSecond faceswap's speed figure: 2 x batch x iterations / seconds (both identities) */
    public record Result(long iterations, StepLosses last, double seconds, double egsPerSecond) {
    }

    private final SwapModel model;
    private final BatchSampler facesA;
    private final BatchSampler facesB;

    public Trainer(SwapModel model, BatchSampler facesA, BatchSampler facesB) {
        this.model = model;
        this.facesA = facesA;
        this.facesB = facesB;
    }

    public Result train(Options options, Progress progress, Cancellation cancellation, CheckpointSink checkpoints) {
        long start = System.nanoTime();
        long steps = 0;
        StepLosses last = null;
        while (model.iteration() < options.targetIterations()) {
            cancellation.throwIfStopped();
            last = model.trainStep(facesA.next(options.batchSize()), facesB.next(options.batchSize()));
            steps++;
            double seconds = (System.nanoTime() - start) / 1e9;
            progress.report(String.format("iteration %d/%d, loss A %.4f, B %.4f, %.1f EGs/s", last.iteration(),
                    options.targetIterations(), last.lossA(), last.lossB(), egsPerSecond(options.batchSize(), steps, seconds)),
                    (double) last.iteration() / options.targetIterations());
            if (last.iteration() % options.checkpointEvery() == 0 || last.iteration() == options.targetIterations()) {
                save(checkpoints, last);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(steps, last, seconds, egsPerSecond(options.batchSize(), steps, seconds));
    }

    static double egsPerSecond(int batchSize, long iterations, double seconds) {
        return seconds > 0 ? 2.0 * batchSize * iterations / seconds : 0;
    }

    private void save(CheckpointSink checkpoints, StepLosses losses) {
        try {
            checkpoints.save(model, losses.iteration(), losses);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint at iteration " + losses.iteration() + " failed", e);
        }
    }
}
