package dev.doppel.pipeline.train;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The next training batch made on a thread of its own while the current step runs, so drawing and
 * augmenting faces leaves the step's critical path. Batches come in the order the source would
 * give them without it; {@code key} says what kind of batch a step needs (warped or not), and a
 * batch made ahead for another kind is dropped, which happens once, when refinement starts. Each
 * batch gets a short-lived daemon thread, so a session that is simply dropped leaves none behind.
 *
 * @param <K> what a batch is drawn for
 * @param <T> the batch
 */
public final class Prefetch<K, T> {

    private final Function<K, T> source;
    private K aheadFor;
    private CompletableFuture<T> ahead;

    public Prefetch(Function<K, T> source) {
        this.source = source;
    }

    /** Batches of one kind only (a recipe without refinement), each made while the step before runs. */
    public static <T> Supplier<T> ahead(Supplier<T> source) {
        Prefetch<Boolean, T> prefetch = new Prefetch<>(any -> source.get());
        return () -> prefetch.next(true);
    }

    /** The batch for {@code key}: the one made ahead if it was made for it, and the next one started. */
    public T next(K key) {
        CompletableFuture<T> current = ahead != null && Objects.equals(aheadFor, key) ? ahead : start(key, ahead);
        ahead = start(key, current);
        aheadFor = key;
        return join(current);
    }

    /** Starts the batch after {@code previous}, on the same order of draws. */
    private CompletableFuture<T> start(K key, CompletableFuture<T> previous) {
        CompletableFuture<?> after = previous == null ? CompletableFuture.completedFuture(null) : previous.handle((value, failure) -> null);
        CompletableFuture<T> made = new CompletableFuture<>();
        after.thenRun(() -> {
            Thread thread = new Thread(() -> {
                try {
                    made.complete(source.apply(key));
                } catch (Throwable e) {
                    made.completeExceptionally(e);
                }
            }, "training-prefetch");
            thread.setDaemon(true);
            thread.start();
        });
        return made;
    }

    private static <T> T join(CompletableFuture<T> batch) {
        try {
            return batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next training batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("drawing the next training batch failed", e.getCause());
        }
    }
}
