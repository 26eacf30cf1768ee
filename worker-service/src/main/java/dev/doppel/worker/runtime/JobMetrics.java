package dev.doppel.worker.runtime;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobLease;
import dev.doppel.model.jobs.JobLedger;
import dev.doppel.model.jobs.JobRecord;
import dev.doppel.model.jobs.JobState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker's job meters. {@link JobRunner} reports only that a job started and that it ended; the
 * outcome is read back from the ledger, which is the one record of how an attempt ended, so the
 * meters cannot disagree with what clients see.
 * <p>
 * Throughput gauges sum a metric that running jobs report through {@link JobContext#metric}; each
 * handler names its own ({@link JobHandler#throughputGauges}: train's faceswap "EGs/sec", convert's
 * frames per second). Until a stage reports them, the gauges read 0.
 */
@Component
public class JobMetrics {

    private static final Logger log = LoggerFactory.getLogger(JobMetrics.class);

    private final MeterRegistry registry;
    private final JobLedger ledger;
    private final JsonMapper json;
    private final Map<JobContext, Long> running = new ConcurrentHashMap<>();

    JobMetrics(MeterRegistry registry, JobLedger ledger, JsonMapper json, JobHandlers handlers) {
        this.registry = registry;
        this.ledger = ledger;
        this.json = json;
        for (JobHandler<?> handler : handlers.all()) {
            JobKind kind = handler.kind();
            Gauge.builder("doppel.jobs.in.flight", this, metrics -> metrics.inFlight(kind))
                    .description("Jobs this worker is running").tag("kind", tag(kind)).register(registry);
            handler.throughputGauges().forEach((meter, metric) -> Gauge.builder(meter, this, metrics -> metrics.sumOf(kind, metric))
                    .description("Throughput of this worker's running " + kind + " jobs (their '" + metric + "' metric, summed)")
                    .register(registry));
        }
    }

    void started(JobContext context) {
        running.put(context, System.nanoTime());
        JobLease lease = context.lease();
        Counter.builder("doppel.jobs.attempts").description("Job attempts started; retry=true when an earlier attempt lost its worker")
                .tags("kind", tag(lease.kind()), "retry", Boolean.toString(lease.attempt() > 1))
                .register(registry).increment();
        if (lease.attempt() == 1) {
            read(lease).filter(job -> job.startedAt() != null)
                    .ifPresent(job -> Timer.builder("doppel.jobs.queue.wait")
                            .description("From submission to the first attempt's start")
                            .tag("kind", tag(lease.kind()))
                            .publishPercentileHistogram()
                            .minimumExpectedValue(Duration.ofMillis(100))
                            .maximumExpectedValue(Duration.ofHours(6))
                            .register(registry)
                            .record(Duration.between(job.createdAt(), job.startedAt())));
        }
    }

    void finished(JobContext context) {
        Long startedNanos = running.remove(context);
        if (startedNanos == null) {
            return;
        }
        JobLease lease = context.lease();
        String outcome = outcomeOf(lease, read(lease));
        Counter.builder("doppel.jobs.finished").description("Job attempts that ended, by how the ledger recorded them")
                .tags("kind", tag(lease.kind()), "outcome", outcome)
                .register(registry).increment();
        Timer.builder("doppel.jobs.duration")
                .description("Run time of one attempt, from claim to its last ledger write")
                .tags("kind", tag(lease.kind()), "outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofHours(24))
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    /**
     * {@code requeued}: the attempt ended without ending the job (handed back on shutdown, or its
     * lease lost to the reaper); the job runs again elsewhere.
     */
    static String outcomeOf(JobLease lease, Optional<JobRecord> job) {
        if (job.isEmpty()) {
            return "unknown";
        }
        JobState state = job.get().state();
        boolean thisAttempt = job.get().attempt() == lease.attempt();
        return switch (state) {
            case SUCCEEDED, FAILED, CANCELLED -> thisAttempt ? state.name().toLowerCase(Locale.ROOT) : "requeued";
            case QUEUED, RUNNING -> "requeued";
        };
    }

    private Optional<JobRecord> read(JobLease lease) {
        try {
            return ledger.find(lease.jobId());
        } catch (RuntimeException e) {
            log.debug("Cannot read job {} for its metrics: {}", lease.jobId(), e.getMessage());
            return Optional.empty();
        }
    }

    private double inFlight(JobKind kind) {
        return running.keySet().stream().filter(context -> context.lease().kind().equals(kind)).count();
    }

    /** Reads the metrics the heartbeat writes, so the gauge shows what GET /jobs/{id} shows. */
    private double sumOf(JobKind kind, String metric) {
        return running.keySet().stream()
                .filter(context -> context.lease().kind().equals(kind))
                .mapToDouble(context -> {
                    JsonNode value = json.readTree(context.snapshot().metricsJson()).path(metric);
                    return value.isNumber() ? value.asDouble() : 0;
                })
                .sum();
    }

    private static String tag(JobKind kind) {
        return kind.name();
    }
}
