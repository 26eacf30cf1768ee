package dev.doppel.worker.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.doppel.model.jobs.HeartbeatOutcome;
import dev.doppel.model.jobs.JobLease;
import dev.doppel.model.jobs.JobLedger;
import dev.doppel.model.jobs.JobsProperties;
import dev.doppel.model.storage.ObjectStore;
import dev.doppel.model.storage.StorageKeys;
import dev.doppel.worker.WorkerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a claimed job to its end: heartbeats that extend the lease and carry progress, the handler,
 * and exactly one terminal write to the ledger. Whatever happens, a job that does not succeed
 * leaves no result behind.
 */
@Component
public class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final JobLedger ledger;
    private final ObjectStore store;
    private final JsonMapper json;
    private final JobsProperties jobs;
    private final WorkerProperties worker;
    private final ScheduledExecutorService heartbeats;
    private final TransactionTemplate transactions;
    private final JobHandlers handlers;
    private final JobMetrics metrics;
    private final Set<JobContext> running = ConcurrentHashMap.newKeySet();
    private volatile boolean shuttingDown;

    JobRunner(JobLedger ledger, ObjectStore store, JsonMapper json, JobsProperties jobs, WorkerProperties worker,
            ScheduledExecutorService heartbeats, TransactionTemplate transactions, JobHandlers handlers, JobMetrics metrics) {
        this.ledger = ledger;
        this.store = store;
        this.json = json;
        this.jobs = jobs;
        this.worker = worker;
        this.heartbeats = heartbeats;
        this.transactions = transactions;
        this.handlers = handlers;
        this.metrics = metrics;
    }

    public void run(JobLease lease) {
        Path scratch = createScratch(lease);
        JobContext context = new JobContext(lease, store, json, scratch);
        running.add(context);
        metrics.started(context);
        if (shuttingDown) {
            context.stop(JobStopped.Reason.SHUTDOWN);
        }
        long interval = jobs.heartbeatInterval().toMillis();
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> beat(context), interval, interval, TimeUnit.MILLISECONDS);
        try {
            execute(context);
        } finally {
            heartbeat.cancel(false);
            running.remove(context);
            metrics.finished(context);
            deleteQuietly(scratch);
        }
    }

    private void execute(JobContext context) {
        JobLease lease = context.lease();
        log.info("Job {} ({}) attempt {} started", lease.jobId(), lease.route(), lease.attempt());
        try {
            context.cancellation().throwIfStopped();
            handlers.run(lease.kind(), context);
            if (recordSuccess(context)) {
                log.info("Job {} succeeded", lease.jobId());
            } else {
                log.warn("Job {} finished after losing its lease; its outputs are discarded", lease.jobId());
                discardOutputs(lease);
            }
        } catch (JobStopped stopped) {
            onStopped(context, stopped.reason());
        } catch (JobFailure failure) {
            log.info("Job {} failed: {}", lease.jobId(), failure.getMessage());
            ledger.fail(lease, failure.type(), failure.getMessage(), context.snapshot());
            discardOutputs(lease);
        } catch (OutOfMemoryError e) {
            log.error("Job {} ran out of memory", lease.jobId(), e);
            ledger.fail(lease, "out-of-memory", "The worker ran out of memory on this job; try smaller inputs, a smaller batch "
                    + "or resolution, or a worker with more memory.", context.snapshot());
            discardOutputs(lease);
        } catch (Exception e) {
            log.error("Job {} hit an unexpected error", lease.jobId(), e);
            ledger.fail(lease, "internal-error", "An unexpected error stopped the job; operators can find it in the worker log under job "
                    + lease.jobId() + ".", context.snapshot());
            discardOutputs(lease);
        }
    }

    private boolean recordSuccess(JobContext context) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            context.successActions().forEach(Runnable::run);
            if (ledger.succeed(context.lease(), context.resultJson(), context.snapshot())) {
                return true;
            }
            status.setRollbackOnly();
            return false;
        }));
    }

    private void onStopped(JobContext context, JobStopped.Reason reason) {
        JobLease lease = context.lease();
        discardOutputs(lease);
        switch (reason) {
            case CANCELLED -> {
                ledger.cancelled(lease, context.snapshot());
                log.info("Job {} cancelled", lease.jobId());
            }
            case SHUTDOWN -> {
                ledger.release(lease);
                log.info("Job {} handed back to the queue for shutdown", lease.jobId());
            }
            case LEASE_LOST -> log.warn("Job {} lost its lease; another worker owns it now", lease.jobId());
        }
    }

    private void beat(JobContext context) {
        try {
            HeartbeatOutcome outcome = ledger.heartbeat(context.lease(), jobs.lease(), context.snapshot());
            switch (outcome) {
                case CANCEL_REQUESTED -> context.stop(JobStopped.Reason.CANCELLED);
                case LOST -> context.stop(JobStopped.Reason.LEASE_LOST);
                case HELD -> { }
            }
        } catch (RuntimeException e) {
            // A missed beat is survivable: the lease is several intervals long.
            log.warn("Heartbeat for job {} failed: {}", context.jobId(), e.getMessage());
        }
    }

    /** SIGTERM: every running job stops at its next safe point and goes back to the queue. */
    @EventListener(ContextClosedEvent.class)
    void onShutdown() {
        shuttingDown = true;
        running.forEach(context -> context.stop(JobStopped.Reason.SHUTDOWN));
    }

    public int runningCount() {
        return running.size();
    }

    private void discardOutputs(JobLease lease) {
        try {
            store.removePrefix(StorageKeys.jobAttemptPrefix(lease.tenantId(), lease.jobId(), lease.attempt()));
        } catch (RuntimeException e) {
            log.warn("Could not remove outputs of job {} attempt {}: {}", lease.jobId(), lease.attempt(), e.getMessage());
        }
    }

    private Path createScratch(JobLease lease) {
        try {
            return Files.createDirectories(worker.scratchDir().resolve(lease.jobId() + "-" + lease.attempt()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create scratch folder under " + worker.scratchDir(), e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.debug("Could not delete {}", folder, e);
        }
    }
}
