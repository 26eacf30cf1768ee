package dev.doppel.api.system;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * A failure the client caused or can act on. The type is stable (clients switch on it); the detail
 * is written for people and never carries internals.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final Duration retryAfter;

    public ApiProblem(HttpStatus status, String type, String title, String detail) {
        this(status, type, title, detail, null);
    }

    private ApiProblem(HttpStatus status, String type, String title, String detail, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.retryAfter = retryAfter;
    }

    /** 429: over a limit that frees up with time; {@code retryAfter} goes out as the Retry-After header. */
    public static ApiProblem tooMany(String type, String title, String detail, Duration retryAfter) {
        return new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, type, title, detail, retryAfter);
    }

    public static URI typeUri(String type) {
        return URI.create("/problems/" + type);
    }

    public static ApiProblem notFound(String what, Object id) {
        return new ApiProblem(HttpStatus.NOT_FOUND, what + "-not-found", capitalised(what.replace('-', ' ')) + " not found",
                "No " + what.replace('-', ' ') + " with id " + id + " exists for this API key.");
    }

    /** When to try again, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
