package dev.doppel.worker.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobLease;
import dev.doppel.model.jobs.JobLedger;
import dev.doppel.model.jobs.JobRecord;
import dev.doppel.model.jobs.JobRoute;
import dev.doppel.model.jobs.JobState;
import dev.doppel.worker.WorkerProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class JobMetricsTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final JobLedger ledger = mock(JobLedger.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JobMetrics metrics = new JobMetrics(registry, ledger, json, new JobHandlers(List.of(
            handler(TRAIN, Map.of("doppel.train.examples.per.second", "egsPerSecond")),
            handler(CONVERT, Map.of("doppel.convert.frames.per.second", "framesPerSecond"))),
            new WorkerProperties(null, null, null, null, null, Duration.ofSeconds(1))));

    private static final JobKind TRAIN = JobKind.of("train");
    private static final JobKind CONVERT = JobKind.of("convert");

    @Test
    void theOutcomeIsWhatTheLedgerRecordedForThisAttempt() {
        JobLease lease = lease(TRAIN, 2);
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
        JobContext first = context(TRAIN);
        JobContext second = context(TRAIN);
        JobContext convert = context(CONVERT);
        metrics.started(first);
        metrics.started(second);
        metrics.started(convert);
        first.metric("egsPerSecond", 9.5);
        second.metric("egsPerSecond", 0.5);
        convert.metric("framesPerSecond", 24);

        assertThat(registry.get("doppel.train.examples.per.second").gauge().value()).isEqualTo(10.0);
        assertThat(registry.get("doppel.convert.frames.per.second").gauge().value()).isEqualTo(24.0);
        assertThat(registry.get("doppel.jobs.in.flight").tag("kind", "train").gauge().value()).isEqualTo(2.0);

        metrics.finished(first);
        assertThat(registry.get("doppel.train.examples.per.second").gauge().value()).isEqualTo(0.5);
        assertThat(registry.get("doppel.jobs.in.flight").tag("kind", "train").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("doppel.jobs.finished").tags("kind", "train", "outcome", "unknown").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("doppel.jobs.attempts").tags("kind", "train", "retry", "false").counter().count()).isEqualTo(2.0);
    }

    private static JobHandler<Object> handler(JobKind kind, Map<String, String> gauges) {
        return new JobHandler<>() {
            @Override
            public JobKind kind() {
                return kind;
            }

            @Override
            public Object parse(JsonNode parameters) {
                return parameters;
            }

            @Override
            public void run(JobContext context, Object parameters) {
            }

            @Override
            public Map<String, String> throughputGauges() {
                return gauges;
            }
        };
    }

    private JobContext context(JobKind kind) {
        return new JobContext(lease(kind, 1), null, json, Path.of("unused"));
    }

    private static JobLease lease(JobKind kind, int attempt) {
        return new JobLease(UUID.randomUUID(), UUID.randomUUID(), JobRoute.of(kind, "samediff"), "worker-1", attempt, "{}");
    }

    private static JobRecord record(JobState state, int attempt) {
        Instant now = Instant.now();
        return new JobRecord(UUID.randomUUID(), UUID.randomUUID(), JobRoute.of(TRAIN, "samediff"), state, "{}", null, 0, null, "{}", "[]", null, null, null,
                attempt, 3, false, now, now, null, now, null);
    }
}
