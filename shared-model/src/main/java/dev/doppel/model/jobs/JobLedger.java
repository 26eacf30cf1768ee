package dev.doppel.model.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import dev.doppel.model.storage.StorageKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The jobs table and every transition on it. Each transition is one conditional UPDATE, so two
 * workers, a reaper and a client can race on a row and exactly one of them wins.
 */
public class JobLedger {

    /** The only way a job reaches the broker: a row that the outbox relay publishes. */
    private static final String ENQUEUE = """
            insert into job_outbox (job_id, routing_key, payload)
            select id, route, json_build_object('jobId', id, 'route', route)::text from jobs where id in (%s)
            """;

    private final JdbcClient jdbc;

    public JobLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the job and its outbox row; runs in the caller's transaction. */
    @Transactional
    public void submit(NewJob job) {
        jdbc.sql("""
                insert into jobs (id, tenant_id, kind, route, state, parameters, submitted_by_key, max_attempts, stage)
                values (:id, :tenant, :kind, :route, 'QUEUED', cast(:parameters as jsonb), :key, :maxAttempts, 'queued')
                """)
                .param("id", job.id())
                .param("tenant", job.tenantId())
                .param("kind", job.kind().name())
                .param("route", job.route().key())
                .param("parameters", job.parametersJson())
                .param("key", job.submittedByKey())
                .param("maxAttempts", job.maxAttempts())
                .update();
        enqueue(job.id());
    }

    /**
     * Queues a part of a running job (a segment of its video), unless it exists already: a parent
     * that runs again after losing its worker finds the parts it submitted rather than doubling them.
     *
     * @return whether the part is new
     */
    @Transactional
    public boolean submitPart(NewJob part, UUID parentId) {
        boolean inserted = jdbc.sql("""
                insert into jobs (id, tenant_id, kind, route, state, parameters, max_attempts, stage, parent_id)
                values (:id, :tenant, :kind, :route, 'QUEUED', cast(:parameters as jsonb), :maxAttempts, 'queued', :parent)
                on conflict (id) do nothing
                """)
                .param("id", part.id())
                .param("tenant", part.tenantId())
                .param("kind", part.kind().name())
                .param("route", part.route().key())
                .param("parameters", part.parametersJson())
                .param("maxAttempts", part.maxAttempts())
                .param("parent", parentId)
                .update() == 1;
        if (inserted) {
            enqueue(part.id());
        }
        return inserted;
    }

    /** The parts a job split off, in no particular order. */
    public List<JobRecord> parts(UUID parentId) {
        return jdbc.sql("select * from jobs where parent_id = :parent").param("parent", parentId).query(JobLedger::toRecord).list();
    }

    /**
     * A parent that ended (joined, failed or cancelled) is done with its parts: those queued are
     * cancelled, those running are asked to stop, and the outputs of those finished are listed for
     * removal in this transaction (run it in the parent's terminal one), so nothing a parent no
     * longer needs stays stored.
     */
    @Transactional
    public void retireParts(UUID tenantId, UUID parentId) {
        cancelParts(parentId);
        List<UUID> finished = jdbc.sql("""
                update jobs set result = null, data_deleted_at = now(), updated_at = now()
                where parent_id = :parent and state in ('SUCCEEDED', 'FAILED', 'CANCELLED') and data_deleted_at is null
                returning id
                """).param("parent", parentId).query(UUID.class).list();
        listForRemoval(tenantId, finished);
    }

    /** The deletion sweep removes these jobs' stored files once the caller's transaction commits. */
    private void listForRemoval(UUID tenantId, List<UUID> jobIds) {
        for (UUID job : jobIds) {
            jdbc.sql("insert into object_deletions (tenant_id, prefix) values (:tenant, :prefix)")
                    .param("tenant", tenantId).param("prefix", StorageKeys.jobPrefix(tenantId, job)).update();
        }
    }

    private void cancelParts(UUID parentId) {
        jdbc.sql("""
                update jobs set state = 'CANCELLED', stage = 'cancelled', cancel_requested = true, finished_at = now(), updated_at = now()
                where parent_id = :parent and state = 'QUEUED'
                """).param("parent", parentId).update();
        jdbc.sql("update jobs set cancel_requested = true, updated_at = now() where parent_id = :parent and state = 'RUNNING'")
                .param("parent", parentId).update();
    }

    public Optional<JobRecord> find(UUID id) {
        return jdbc.sql("select * from jobs where id = :id").param("id", id).query(JobLedger::toRecord).optional();
    }

    public Optional<JobRecord> find(UUID tenantId, UUID id) {
        return jdbc.sql("select * from jobs where id = :id and tenant_id = :tenant")
                .param("id", id)
                .param("tenant", tenantId)
                .query(JobLedger::toRecord)
                .optional();
    }

    /** Newest first, parts left to their parents; the cursor is the (created_at, id) of the last row of the previous page. */
    public List<JobRecord> list(JobQuery query) {
        return jdbc.sql("""
                select * from jobs
                where tenant_id = :tenant and parent_id is null
                  and (cast(:kind as text) is null or kind = :kind)
                  and (cast(:state as text) is null or state = :state)
                  and (cast(:afterCreated as timestamptz) is null
                       or (created_at, id) < (cast(:afterCreated as timestamptz), cast(:afterId as uuid)))
                order by created_at desc, id desc
                limit :limit
                """)
                .param("tenant", query.tenantId())
                .param("kind", query.kind() == null ? null : query.kind().name())
                .param("state", query.state() == null ? null : query.state().name())
                .param("afterCreated", query.after() == null ? null : OffsetDateTime.ofInstant(query.after().createdAt(), ZoneOffset.UTC))
                .param("afterId", query.after() == null ? null : query.after().id())
                .param("limit", query.limit())
                .query(JobLedger::toRecord)
                .list();
    }

    /**
     * Takes a queued job for one worker; empty when someone else has it, it is no longer queued, or
     * it waits on another route (a copy of its message in a queue it has since left).
     */
    public Optional<JobLease> claim(UUID jobId, JobRoute route, String owner, Duration lease) {
        return jdbc.sql("""
                update jobs set state = 'RUNNING', attempt = attempt + 1, lease_owner = :owner,
                       lease_expires_at = now() + make_interval(secs => :leaseSeconds), heartbeat_at = now(),
                       started_at = coalesce(started_at, now()), stage = 'starting', updated_at = now()
                where id = :id and route = :route and state = 'QUEUED' and not cancel_requested
                returning id, tenant_id, route, attempt, parameters::text as parameters
                """)
                .param("id", jobId)
                .param("route", route.key())
                .param("owner", owner)
                .param("leaseSeconds", seconds(lease))
                .query((rs, n) -> new JobLease(
                        rs.getObject("id", UUID.class),
                        rs.getObject("tenant_id", UUID.class),
                        JobRoute.parse(rs.getString("route")),
                        owner,
                        rs.getInt("attempt"),
                        rs.getString("parameters")))
                .optional();
    }

    public HeartbeatOutcome heartbeat(JobLease lease, Duration extendBy, ProgressSnapshot progress) {
        return jdbc.sql("""
                update jobs set lease_expires_at = now() + make_interval(secs => :leaseSeconds), heartbeat_at = now(),
                       stage = :stage, progress = :progress, eta_seconds = :eta,
                       metrics = cast(:metrics as jsonb), previews = cast(:previews as jsonb), updated_at = now()
                where id = :id and lease_owner = :owner and attempt = :attempt and state = 'RUNNING'
                returning cancel_requested
                """)
                .param("leaseSeconds", seconds(extendBy))
                .param("stage", progress.stage())
                .param("progress", progress.progress())
                .param("eta", progress.etaSeconds())
                .param("metrics", progress.metricsJson())
                .param("previews", progress.previewsJson())
                .param("id", lease.jobId())
                .param("owner", lease.owner())
                .param("attempt", lease.attempt())
                .query((rs, n) -> rs.getBoolean(1))
                .optional()
                .map(cancel -> cancel ? HeartbeatOutcome.CANCEL_REQUESTED : HeartbeatOutcome.HELD)
                .orElse(HeartbeatOutcome.LOST);
    }

    /**
     * Records the attempt's success. A part whose parent let go of it while it ran (the parent
     * cancelled, or ended and retired its parts) keeps nothing of it: in the same
     * transaction its outputs are scrubbed and listed for removal, as {@link #retireParts} does
     * for parts that had finished by then.
     */
    public boolean succeed(JobLease lease, String resultJson, ProgressSnapshot last) {
        if (!finish(lease, "SUCCEEDED", resultJson, null, null, last)) {
            return false;
        }
        List<UUID> unwanted = jdbc.sql("""
                update jobs set result = null, data_deleted_at = now(), updated_at = now()
                where id = :id and parent_id is not null and cancel_requested and data_deleted_at is null
                returning id
                """).param("id", lease.jobId()).query(UUID.class).list();
        listForRemoval(lease.tenantId(), unwanted);
        return true;
    }

    public boolean fail(JobLease lease, String errorType, String errorDetail, ProgressSnapshot last) {
        return finish(lease, "FAILED", null, errorType, errorDetail, last);
    }

    public boolean cancelled(JobLease lease, ProgressSnapshot last) {
        return finish(lease, "CANCELLED", null, null, null, last);
    }

    private boolean finish(JobLease lease, String state, String resultJson, String errorType, String errorDetail,
            ProgressSnapshot last) {
        return jdbc.sql("""
                update jobs set state = :state, result = cast(:result as jsonb), error_type = :errorType,
                       error_detail = :errorDetail, stage = :stage, metrics = cast(:metrics as jsonb),
                       previews = cast(:previews as jsonb), progress = case when :state = 'SUCCEEDED' then 1 else progress end,
                       eta_seconds = null, lease_owner = null, lease_expires_at = null,
                       finished_at = now(), updated_at = now()
                where id = :id and lease_owner = :owner and attempt = :attempt and state = 'RUNNING'
                """)
                .param("state", state)
                .param("result", resultJson)
                .param("errorType", errorType)
                .param("errorDetail", errorDetail)
                .param("stage", state.toLowerCase(Locale.ROOT))
                .param("metrics", last.metricsJson())
                .param("previews", last.previewsJson())
                .param("id", lease.jobId())
                .param("owner", lease.owner())
                .param("attempt", lease.attempt())
                .update() == 1;
    }

    /**
     * A worker shutting down hands its job back: queued again without burning an attempt, so the next
     * worker resumes from the last checkpoint.
     */
    @Transactional
    public boolean release(JobLease lease) {
        boolean released = jdbc.sql("""
                update jobs set state = 'QUEUED', attempt = attempt - 1, lease_owner = null, lease_expires_at = null,
                       stage = 'queued', queued_at = now(), updated_at = now()
                where id = :id and lease_owner = :owner and attempt = :attempt and state = 'RUNNING'
                """)
                .param("id", lease.jobId())
                .param("owner", lease.owner())
                .param("attempt", lease.attempt())
                .update() == 1;
        if (released) {
            enqueue(lease.jobId());
        }
        return released;
    }

    /**
     * A queued job is cancelled at once; a running one is flagged and its worker stops at a safe
     * point. Its parts stop with it, even while no worker runs the parent.
     */
    @Transactional
    public CancelOutcome requestCancel(UUID tenantId, UUID jobId) {
        CancelOutcome outcome = cancelAlone(tenantId, jobId);
        if (outcome == CancelOutcome.CANCELLED || outcome == CancelOutcome.CANCEL_REQUESTED) {
            cancelParts(jobId);
        }
        return outcome;
    }

    private CancelOutcome cancelAlone(UUID tenantId, UUID jobId) {
        int cancelled = jdbc.sql("""
                update jobs set state = 'CANCELLED', stage = 'cancelled', cancel_requested = true,
                       finished_at = now(), updated_at = now()
                where id = :id and tenant_id = :tenant and state = 'QUEUED'
                """).param("id", jobId).param("tenant", tenantId).update();
        if (cancelled == 1) {
            return CancelOutcome.CANCELLED;
        }
        int flagged = jdbc.sql("""
                update jobs set cancel_requested = true, updated_at = now()
                where id = :id and tenant_id = :tenant and state = 'RUNNING'
                """).param("id", jobId).param("tenant", tenantId).update();
        if (flagged == 1) {
            return CancelOutcome.CANCEL_REQUESTED;
        }
        return find(tenantId, jobId).isPresent() ? CancelOutcome.ALREADY_FINISHED : CancelOutcome.NOT_FOUND;
    }

    /**
     * Jobs whose worker stopped heartbeating: cancelled if a cancel was pending, failed for good once
     * the attempts are spent, otherwise queued again (training resumes from its last checkpoint).
     */
    @Transactional
    public ReapReport reapExpiredLeases() {
        int cancelled = jdbc.sql("""
                update jobs set state = 'CANCELLED', stage = 'cancelled', lease_owner = null, lease_expires_at = null,
                       finished_at = now(), updated_at = now()
                where state = 'RUNNING' and lease_expires_at < now() and cancel_requested
                """).update();
        int failed = jdbc.sql("""
                update jobs set state = 'FAILED', stage = 'failed', error_type = 'worker-lost',
                       error_detail = 'The worker running this job stopped responding ' || attempt || ' time(s); giving up.',
                       lease_owner = null, lease_expires_at = null, finished_at = now(), updated_at = now()
                where state = 'RUNNING' and lease_expires_at < now() and attempt >= max_attempts
                """).update();
        List<UUID> requeued = jdbc.sql("""
                update jobs set state = 'QUEUED', stage = 'requeued', lease_owner = null, lease_expires_at = null,
                       queued_at = now(), updated_at = now()
                where state = 'RUNNING' and lease_expires_at < now()
                returning id
                """).query(UUID.class).list();
        requeued.forEach(this::enqueue);
        return new ReapReport(requeued.size(), failed, cancelled);
    }

    /**
     * Publishes again the jobs that sat queued for too long. A prefetched message can wait in a busy
     * worker's buffer; a fresh copy lets an idle worker (or a newly scaled one) take the job, and the
     * stale copy later finds it claimed and is dropped.
     */
    @Transactional
    public int republishStaleQueued(Duration olderThan) {
        List<UUID> stale = jdbc.sql("""
                update jobs set queued_at = now()
                where state = 'QUEUED' and queued_at < now() - make_interval(secs => :seconds)
                  and not exists (select 1 from job_outbox o where o.job_id = jobs.id and o.published_at is null)
                returning id
                """).param("seconds", seconds(olderThan)).query(UUID.class).list();
        stale.forEach(this::enqueue);
        return stale.size();
    }

    private void enqueue(UUID jobId) {
        jdbc.sql(ENQUEUE.formatted(":id")).param("id", jobId).update();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static JobRecord toRecord(ResultSet rs, int row) throws SQLException {
        return new JobRecord(
                rs.getObject("id", UUID.class),
                rs.getObject("tenant_id", UUID.class),
                JobRoute.parse(rs.getString("route")),
                JobState.valueOf(rs.getString("state")),
                rs.getString("parameters"),
                rs.getString("stage"),
                rs.getDouble("progress"),
                (Long) rs.getObject("eta_seconds"),
                rs.getString("metrics"),
                rs.getString("previews"),
                rs.getString("result"),
                rs.getString("error_type"),
                rs.getString("error_detail"),
                rs.getInt("attempt"),
                rs.getInt("max_attempts"),
                rs.getBoolean("cancel_requested"),
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                instant(rs, "updated_at"),
                instant(rs, "data_deleted_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
