package dev.doppel.model.jobs;

import java.time.Instant;
import java.util.UUID;

/** One row of the ledger as read; JSON columns stay raw so each reader decides how to parse them. */
public record JobRecord(
        UUID id,
        UUID tenantId,
        JobRoute route,
        JobState state,
        String parametersJson,
        String stage,
        double progress,
        Long etaSeconds,
        String metricsJson,
        String previewsJson,
        String resultJson,
        String errorType,
        String errorDetail,
        int attempt,
        int maxAttempts,
        boolean cancelRequested,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant updatedAt,
        Instant dataDeletedAt) {

    public JobKind kind() {
        return route.kind();
    }
}
