package dev.doppel.model.jobs;

import java.util.UUID;

/** Proof that one worker holds a running job; every write a worker makes is conditional on it. */
public record JobLease(UUID jobId, UUID tenantId, JobRoute route, String owner, int attempt, String parametersJson) {

    public JobKind kind() {
        return route.kind();
    }
}
