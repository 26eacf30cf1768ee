package dev.doppel.pipeline.family;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The trainer's one checkpoint publication in flight, on a short-lived daemon thread of its own.
 * The next checkpoint waits for it, and so does the end of training, however it ends: a
 * checkpoint lands while its job still holds its lease, never after.
 */
final class PendingPublication {

    private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);
    private long iteration;

    /** Waits for the one before, then starts this one. */
    void start(long iteration, CheckpointSink.Publication publication) {
        await();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                publication.publish();
                started.complete(null);
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        }, "checkpoint-publication");
        thread.setDaemon(true);
        this.iteration = iteration;
        this.pending = started;
        thread.start();
    }

    /** Throws now if the publication in flight has failed, rather than at the next checkpoint. */
    void throwIfFailed() {
        if (pending.isCompletedExceptionally()) {
            await();
        }
    }

    /** Waits for the publication in flight; throws its failure (once). */
    void await() {
        CompletableFuture<Void> current = pending;
        pending = CompletableFuture.completedFuture(null);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    current.get();
                    return;
                } catch (InterruptedException e) {
                    // The lease is held until the checkpoint has landed: finish waiting, then pass the interrupt on.
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new UncheckedIOException("checkpoint at iteration " + iteration + " failed", io);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("checkpoint at iteration " + iteration + " failed", cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
