package dev.doppel.pipeline.drive;

/** The neutral frame asked for lies past the driving video's end. */
public final class NoNeutralFrame extends RuntimeException {
    public NoNeutralFrame(String message) {
        super(message);
    }
}
