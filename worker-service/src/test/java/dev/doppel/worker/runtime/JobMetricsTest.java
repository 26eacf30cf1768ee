package dev.doppel.worker.runtime;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobLease;
import dev.doppel.model.jobs.JobLedger;
import dev.doppel.model.jobs.JobRecord;
import dev.doppel.model.jobs.JobState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class JobMetricsTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final JobLedger ledger = mock(JobLedger.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JobMetrics metrics = new JobMetrics(registry, ledger, json);

    @Test
    void theOutcomeIsWhatTheLedgerRecordedForThisAttempt() {
        JobLease lease = lease(JobKind.TRAIN, 2);
        assertThat(JobMetrics.outcomeOf(lease, Optional.of(record(JobState.SUCCEEDED, 2)))).isEqualTo("succeeded");
        assertThat(JobMetrics.outcomeOf(lease, Optional.of(record(JobState.FAILED, 2)))).isEqualTo("failed");
        assertThat(JobMetrics.outcomeOf(lease, Optional.of(record(JobState.CANCELLED, 2)))).isEqualTo("cancelled");
        assertThat(JobMetrics.outcomeOf(lease, Optional.of(record(JobState.QUEUED, 1)))).as("handed back on shutdown").isEqualTo("requeued");
        assertThat(JobMetrics.outcomeOf(lease, Optional.of(record(JobState.SUCCEEDED, 3)))).as("another attempt finished it")
                .isEqualTo("requeued");
        assertThat(JobMetrics.outcomeOf(lease, Optional.empty())).isEqualTo("unknown");
    }

    @Test
    void throughputGaugesSumWhatRunningJobsReportAndInFlightCountsByKind() {
        when(ledger.find(any(UUID.class))).thenReturn(Optional.empty());
        JobContext first = context(JobKind.TRAIN);
        JobContext second = context(JobKind.TRAIN);
        JobContext convert = context(JobKind.CONVERT);
        metrics.started(first);
        metrics.started(second);
        metrics.started(convert);
        first.metric(JobMetrics.TRAIN_EXAMPLES_PER_SECOND, 9.5);
        second.metric(JobMetrics.TRAIN_EXAMPLES_PER_SECOND, 0.5);
        convert.metric(JobMetrics.CONVERT_FRAMES_PER_SECOND, 24);

        assertThat(registry.get("doppel.train.examples.per.second").gauge().value()).isEqualTo(10.0);
        assertThat(registry.get("doppel.convert.frames.per.second").gauge().value()).isEqualTo(24.0);
        assertThat(registry.get("doppel.jobs.in.flight").tag("kind", "train").gauge().value()).isEqualTo(2.0);

        metrics.finished(first);
        assertThat(registry.get("doppel.train.examples.per.second").gauge().value()).isEqualTo(0.5);
        assertThat(registry.get("doppel.jobs.in.flight").tag("kind", "train").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("doppel.jobs.finished").tags("kind", "train", "outcome", "unknown").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("doppel.jobs.attempts").tags("kind", "train", "retry", "false").counter().count()).isEqualTo(2.0);
    }

    private JobContext context(JobKind kind) {
        return new JobContext(lease(kind, 1), null, json, Path.of("unused"));
    }

    private static JobLease lease(JobKind kind, int attempt) {
        return new JobLease(UUID.randomUUID(), UUID.randomUUID(), kind, "worker-1", attempt, "{}");
    }

    private static JobRecord record(JobState state, int attempt) {
        Instant now = Instant.now();
        return new JobRecord(UUID.randomUUID(), UUID.randomUUID(), JobKind.TRAIN, state, "{}", null, 0, null, "{}", "[]", null, null, null,
                attempt, 3, false, now, now, null, now);
    }
}
