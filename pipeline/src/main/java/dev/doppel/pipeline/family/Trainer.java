package dev.doppel.pipeline.family;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;

/**
 * The training loop of every family: steps until the model has taken {@code targetIterations} in
 * all (so a resumed model picks up its count), a checkpoint every {@code checkpointEvery} and at
 * the end, progress and a cancellation check each step. A checkpoint's state is taken between two
 * steps; its publication runs beside the steps that follow ({@link CheckpointSink}), one at a time,
 * and training does not end, however it ends, before the last one has landed. Models keep their
 * own memory in order (the SameDiff build collects garbage per step, because ND4J frees native
 * buffers only then).
 */
public final class Trainer {

    public record Options(long targetIterations, int batchSize, long checkpointEvery) {

        public Options {
            if (targetIterations < 1 || batchSize < 1 || checkpointEvery < 1) {
                throw new IllegalArgumentException("iterations, batch size and checkpoint interval must be positive");
            }
        }
    }

    /**
     * @param egsPerSecond faceswap's speed figure: 2 x batch x iterations / seconds (both identities)
     * @param checkpointSeconds of {@code seconds}, those the training thread spent on checkpoints
     *        rather than steps: taking their state, and waiting for a publication still in flight
     */
    public record Result(long iterations, NamedLosses last, double seconds, double egsPerSecond, double checkpointSeconds) {
    }

    private final TrainingSession session;

    public Trainer(TrainingSession session) {
        this.session = session;
    }

    public Result train(Options options, Progress progress, Cancellation cancellation, CheckpointSink checkpoints) {
        long start = System.nanoTime();
        long steps = 0;
        long checkpointNanos = 0;
        NamedLosses last = null;
        PendingPublication publication = new PendingPublication();
        try {
            while (session.model().iteration() < options.targetIterations()) {
                cancellation.throwIfStopped();
                publication.throwIfFailed();
                last = session.step();
                steps++;
                double seconds = (System.nanoTime() - start) / 1e9;
                progress.report(String.format(Locale.ROOT, "iteration %d/%d, %s, %.1f EGs/s", last.iteration(), options.targetIterations(),
                        describe(last), egsPerSecond(options.batchSize(), steps, seconds)),
                        (double) last.iteration() / options.targetIterations());
                if (last.iteration() % options.checkpointEvery() == 0 || last.iteration() == options.targetIterations()) {
                    long checkpointStart = System.nanoTime();
                    publication.start(last.iteration(), save(checkpoints, last));
                    checkpointNanos += System.nanoTime() - checkpointStart;
                }
            }
            long waitStart = System.nanoTime();
            publication.await();
            checkpointNanos += System.nanoTime() - waitStart;
        } catch (RuntimeException | Error stopped) {
            try {
                publication.await();
            } catch (RuntimeException | Error failed) {
                stopped.addSuppressed(failed);
            }
            throw stopped;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(steps, last, seconds, egsPerSecond(options.batchSize(), steps, seconds), checkpointNanos / 1e9);
    }

    static double egsPerSecond(int batchSize, long iterations, double seconds) {
        return seconds > 0 ? 2.0 * batchSize * iterations / seconds : 0;
    }

    private static String describe(NamedLosses losses) {
        return losses.values().entrySet().stream()
                .map(loss -> String.format(Locale.ROOT, "%s %.4f", loss.getKey(), loss.getValue()))
                .collect(Collectors.joining(", "));
    }

    private CheckpointSink.Publication save(CheckpointSink checkpoints, NamedLosses losses) {
        try {
            return checkpoints.save(session, losses);
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint at iteration " + losses.iteration() + " failed", e);
        }
    }
}
