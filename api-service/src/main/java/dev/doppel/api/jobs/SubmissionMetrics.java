package dev.doppel.api.jobs;

import dev.doppel.model.jobs.JobKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Counts accepted submissions by kind; replays of an idempotency key are not new submissions. */
@Component
class SubmissionMetrics {

    private final MeterRegistry registry;

    SubmissionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts once the submission's transaction commits: a rolled-back submission never happened. */
    void submitted(JobKind kind) {
        Runnable count = () -> Counter.builder("doppel.jobs.submitted").description("Jobs accepted by the API")
                .tag("kind", kind.name()).register(registry).increment();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        } else {
            count.run();
        }
    }
}
