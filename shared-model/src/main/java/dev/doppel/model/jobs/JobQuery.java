package dev.doppel.model.jobs;

import java.time.Instant;
import java.util.UUID;

/** A page of a tenant's jobs, newest first; {@code after} is the last job of the previous page. */
public record JobQuery(UUID tenantId, JobKind kind, JobState state, Position after, int limit) {

    public record Position(Instant createdAt, UUID id) {
    }
}
