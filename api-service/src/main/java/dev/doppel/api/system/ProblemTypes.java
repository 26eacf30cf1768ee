package dev.doppel.api.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/** Every problem type the API answers with, its status and title: what the API description documents. */
public final class ProblemTypes {

    public record Type(HttpStatus status, String title) {
    }

    /** What any authenticated endpoint may answer. */
    public static final List<String> EVERY_ENDPOINT = List.of("unauthenticated", "insufficient-scope", "console-header-missing",
            "invalid-request", "internal-error");

    private static final Map<String, Type> TYPES = new LinkedHashMap<>();

    static {
        add("unauthenticated", HttpStatus.UNAUTHORIZED, "Not authenticated");
        add("insufficient-scope", HttpStatus.FORBIDDEN, "Insufficient scope");
        add("console-header-missing", HttpStatus.FORBIDDEN, "Console header missing");
        add("not-operator", HttpStatus.FORBIDDEN, "Not the operator");
        add("invalid-request", HttpStatus.BAD_REQUEST, "Invalid request");
        add("invalid-cursor", HttpStatus.BAD_REQUEST, "Invalid cursor");
        add("job-not-found", HttpStatus.NOT_FOUND, "Job not found");
        add("face-set-not-found", HttpStatus.NOT_FOUND, "Face set not found");
        add("face-not-found", HttpStatus.NOT_FOUND, "Face not found");
        add("model-not-found", HttpStatus.NOT_FOUND, "Model not found");
        add("upload-not-found", HttpStatus.NOT_FOUND, "Upload not found");
        add("key-not-found", HttpStatus.NOT_FOUND, "Key not found");
        add("tenant-not-found", HttpStatus.NOT_FOUND, "Tenant not found");
        add("result-file-not-found", HttpStatus.NOT_FOUND, "Result file not found");
        add("preview-not-found", HttpStatus.NOT_FOUND, "Preview not found");
        add("model-preview-not-ready", HttpStatus.CONFLICT, "Not ready yet");
        add("model-checkpoint-not-ready", HttpStatus.CONFLICT, "Not ready yet");
        add("job-not-cancellable", HttpStatus.CONFLICT, "Job not cancellable");
        add("result-not-available", HttpStatus.CONFLICT, "Result not available");
        add("model-in-use", HttpStatus.CONFLICT, "In use by a job");
        add("upload-in-use", HttpStatus.CONFLICT, "In use by a job");
        add("job-in-use", HttpStatus.CONFLICT, "In use by a job");
        add("last-admin-key", HttpStatus.CONFLICT, "Last admin key");
        add("key-revoked", HttpStatus.CONFLICT, "Key revoked");
        add("tenant-exists", HttpStatus.CONFLICT, "Tenant exists");
        add("result-deleted", HttpStatus.GONE, "Result deleted");
        add("upload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Upload too large");
        add("upload-unsupported-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported upload type");
        add("upload-unreadable", HttpStatus.UNPROCESSABLE_CONTENT, "Upload cannot be read");
        add("invalid-job-kind", HttpStatus.UNPROCESSABLE_CONTENT, "Invalid job kind");
        add("invalid-job-parameters", HttpStatus.UNPROCESSABLE_CONTENT, "Invalid job parameters");
        add("idempotency-key-reused", HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused");
        add("invalid-scope", HttpStatus.UNPROCESSABLE_CONTENT, "Invalid scope");
        add("quota-active-jobs", HttpStatus.TOO_MANY_REQUESTS, "Too many jobs at once");
        add("quota-submission-rate", HttpStatus.TOO_MANY_REQUESTS, "Too many submissions");
        add("quota-storage", HttpStatus.TOO_MANY_REQUESTS, "Storage quota reached");
        add("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");
    }

    private ProblemTypes() {
    }

    private static void add(String type, HttpStatus status, String title) {
        TYPES.put(type, new Type(status, title));
    }

    /** @throws IllegalArgumentException for a type no one declared here, so a typo fails the build's description test */
    public static Type of(String type) {
        Type found = TYPES.get(type);
        if (found == null) {
            throw new IllegalArgumentException("unknown problem type '" + type + "': declare it in ProblemTypes");
        }
        return found;
    }

    public static Map<String, Type> all() {
        return Map.copyOf(TYPES);
    }
}
