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
 * Throughput gauges sum a metric that running jobs report through {@link JobContext#metric}: train
 * stages report {@value #TRAIN_EXAMPLES_PER_SECOND} (faceswap's "EGs/sec": faces of both identities
 * per second), convert stages report {@value #CONVERT_FRAMES_PER_SECOND}. Until a stage reports
 * them, the gauges read 0.
 */
@Component
public class JobMetrics {

    public static final String TRAIN_EXAMPLES_PER_SECOND = "egsPerSecond";
    public static final String CONVERT_FRAMES_PER_SECOND = "framesPerSecond";

    private static final Logger log = LoggerFactory.getLogger(JobMetrics.class);

    private final MeterRegistry registry;
    private final JobLedger ledger;
    private final JsonMapper json;
    private final Map<JobContext, Long> running = new ConcurrentHashMap<>();

    JobMetrics(MeterRegistry registry, JobLedger ledger, JsonMapper json) {
        this.registry = registry;
        this.ledger = ledger;
        this.json = json;
        for (JobKind kind : JobKind.values()) {
            Gauge.builder("doppel.jobs.in.flight", this, metrics -> metrics.inFlight(kind))
                    .description("Jobs this worker is running").tag("kind", tag(kind)).register(registry);
        }
        Gauge.builder("doppel.train.examples.per.second", this, metrics -> metrics.sumOf(JobKind.TRAIN, TRAIN_EXAMPLES_PER_SECOND))
                .description("Training throughput of this worker's running train jobs (faces per second)").register(registry);
        Gauge.builder("doppel.convert.frames.per.second", this, metrics -> metrics.sumOf(JobKind.CONVERT, CONVERT_FRAMES_PER_SECOND))
                .description("Conversion throughput of this worker's running convert jobs").register(registry);
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
        return running.keySet().stream().filter(context -> context.lease().kind() == kind).count();
    }

    /** Reads the metrics the heartbeat writes, so the gauge shows what GET /jobs/{id} shows. */
    private double sumOf(JobKind kind, String metric) {
        return running.keySet().stream()
                .filter(context -> context.lease().kind() == kind)
                .mapToDouble(context -> {
                    JsonNode value = json.readTree(context.snapshot().metricsJson()).path(metric);
                    return value.isNumber() ? value.asDouble() : 0;
                })
                .sum();
    }

    private static String tag(JobKind kind) {
        return kind.routingKey();
    }
}
