package dev.doppel.pipeline.family;

/**
 * A family cannot learn from the faces it was given (a role without faces, a motion model without a
 * video): the user's to fix, so the message says what is missing in words they can act on.
 */
public final class UnsuitableFaces extends IllegalArgumentException {
    public UnsuitableFaces(String message) {
        super(message);
    }
}
