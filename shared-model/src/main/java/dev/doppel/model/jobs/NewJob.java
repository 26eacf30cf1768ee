package dev.doppel.model.jobs;

import java.util.UUID;

public record NewJob(UUID id, UUID tenantId, JobKind kind, String parametersJson, UUID submittedByKey, int maxAttempts) {
}
