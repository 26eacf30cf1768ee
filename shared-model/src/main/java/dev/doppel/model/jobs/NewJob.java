package dev.doppel.model.jobs;

import java.util.UUID;

public record NewJob(UUID id, UUID tenantId, JobRoute route, String parametersJson, UUID submittedByKey, int maxAttempts) {

    public JobKind kind() {
        return route.kind();
    }
}
