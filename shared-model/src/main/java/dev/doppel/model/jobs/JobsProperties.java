package dev.doppel.model.jobs;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Timings of the ledger. A worker's heartbeat must come well inside the lease, or a busy but healthy
 * worker would lose its job to the reaper.
 */
@Validated
@ConfigurationProperties("doppel.jobs")
public record JobsProperties(
        @DefaultValue("doppel") @jakarta.validation.constraints.Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,63}") String namespace,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue("3") @Positive int maxAttempts,
        @DefaultValue("5s") Duration reaperInterval,
        @DefaultValue("2m") Duration republishQueuedAfter,
        @DefaultValue("250ms") Duration outboxInterval,
        @DefaultValue("10s") Duration confirmTimeout) {

    public JobsProperties {
        if (heartbeatInterval.compareTo(lease.dividedBy(2)) > 0) {
            throw new IllegalArgumentException("doppel.jobs.heartbeat-interval (" + heartbeatInterval
                    + ") must be at most half of doppel.jobs.lease (" + lease + ")");
        }
    }
}
