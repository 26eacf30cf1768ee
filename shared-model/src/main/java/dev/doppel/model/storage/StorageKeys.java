package dev.doppel.model.storage;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The object key layout. Keys are built here from ids the server issued, never from client input,
 * and every key sits under its tenant's prefix.
 */
public final class StorageKeys {

    /** Up to four path segments, none starting with a dot, so a name can never climb out of its prefix. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}(/[A-Za-z0-9][A-Za-z0-9._-]{0,127}){0,3}");

    private StorageKeys() {
    }

    public static String tenantPrefix(UUID tenantId) {
        return "tenants/" + tenantId + "/";
    }

    /** Everything stored for a face set itself: its uploads. */
    public static String faceSetPrefix(UUID tenantId, UUID faceSetId) {
        return tenantPrefix(tenantId) + "facesets/" + faceSetId + "/";
    }

    public static String media(UUID tenantId, UUID faceSetId, UUID mediaId, String extension) {
        return faceSetPrefix(tenantId, faceSetId) + "media/" + mediaId + "." + safe(extension);
    }

    /** Each attempt writes under its own prefix, so a worker that lost its lease never overwrites the winner. */
    public static String jobAttemptPrefix(UUID tenantId, UUID jobId, int attempt) {
        return tenantPrefix(tenantId) + "jobs/" + jobId + "/attempt-" + attempt + "/";
    }

    public static String jobOutput(UUID tenantId, UUID jobId, int attempt, String fileName) {
        return jobAttemptPrefix(tenantId, jobId, attempt) + safe(fileName);
    }

    /** Checkpoints and previews outlive an attempt: the next attempt resumes from them. */
    public static String jobCheckpoint(UUID tenantId, UUID jobId, String name) {
        return jobPrefix(tenantId, jobId) + "checkpoints/" + safe(name);
    }

    public static String jobPreview(UUID tenantId, UUID jobId, String name) {
        return jobPrefix(tenantId, jobId) + "previews/" + safe(name);
    }

    public static String jobPrefix(UUID tenantId, UUID jobId) {
        return tenantPrefix(tenantId) + "jobs/" + jobId + "/";
    }

    private static String safe(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("unsafe object name '" + name + "'");
        }
        return name;
    }
}
