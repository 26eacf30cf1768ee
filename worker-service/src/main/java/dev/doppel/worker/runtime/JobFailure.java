package dev.doppel.worker.runtime;

/**
 * A failure the client can act on (a bad input, a missing face set). {@code type} becomes the
 * problem type and {@code detail} is shown as written, so it must not carry internal details.
 */
public class JobFailure extends RuntimeException {

    private final String type;

    public JobFailure(String type, String detail) {
        super(detail);
        this.type = type;
    }

    public String type() {
        return type;
    }
}
