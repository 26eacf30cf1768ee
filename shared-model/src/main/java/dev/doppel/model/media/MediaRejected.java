package dev.doppel.model.media;

/** An upload that breaks a rule; the reason is safe to show to the client. */
public class MediaRejected extends RuntimeException {

    public enum Reason {
        /** Not one of the formats we take (HTTP 415). */
        UNSUPPORTED,
        /** Too many bytes, pixels, seconds or streams (HTTP 413). */
        TOO_LARGE,
        /** Claims to be a supported format but cannot be read (HTTP 422). */
        UNREADABLE
    }

    private final Reason reason;

    public MediaRejected(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
