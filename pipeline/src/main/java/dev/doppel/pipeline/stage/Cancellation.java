package dev.doppel.pipeline.stage;

/**
 * Asked at safe points (between frames, between iterations, after a checkpoint). Throwing lets the
 * caller's reason (cancelled, shutting down, lease lost) travel up unchanged.
 */
@FunctionalInterface
public interface Cancellation {

    void throwIfStopped();

    Cancellation NEVER = () -> { };
}
