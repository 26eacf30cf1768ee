package dev.doppel.api.quotas;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import dev.doppel.api.system.ApiProblem;
import dev.doppel.api.tenancy.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A tenant's limits, checked before anything is created, so a refused request leaves nothing
 * behind. Checks run inside the creating transaction and lock the tenant's row, so two requests
 * at once cannot both slip under a limit.
 */
@Service
public class Quotas {

    /** A tenant at its job limit waits for one to finish; the figure is a hint, not a promise. */
    static final Duration ACTIVE_JOBS_RETRY = Duration.ofSeconds(30);
    /** Storage frees up only when something is deleted or expires. */
    static final Duration STORAGE_RETRY = Duration.ofMinutes(5);

    record Limits(int activeJobs, int submissionsPerMinute, long storedBytes) {
    }

    /** One limit and how much of it is in use; a limit of 0 is none. */
    public record Usage(long limit, long used) {
    }

    /** A tenant's limits and use, as it sees them. */
    public record Standing(Usage activeJobs, Usage submissionsPerMinute, Usage storedBytes) {
    }

    /** What the operator sets for one tenant; a null field falls back to doppel.quotas.* again. */
    public record Overrides(Integer activeJobs, Integer submissionsPerMinute, Long storedBytes) {
    }

    private final JdbcClient jdbc;
    private final QuotaProperties defaults;

    Quotas(JdbcClient jdbc, QuotaProperties defaults) {
        this.jdbc = jdbc;
        this.defaults = defaults;
    }

    /** Call in the submitting transaction, before the job is written. */
    public void checkSubmission(Caller caller) {
        UUID tenant = caller.tenantId();
        Limits limits = lockAndRead(tenant);
        if (limits.activeJobs() > 0) {
            long active = jdbc.sql("select count(*) from jobs where tenant_id = :t and parent_id is null and state in ('QUEUED', 'RUNNING')")
                    .param("t", tenant).query(Long.class).single();
            if (active >= limits.activeJobs()) {
                throw ApiProblem.tooMany("quota-active-jobs", "Too many jobs at once", String.format(Locale.ROOT,
                        "%d jobs are queued or running; this tenant may have %d at once. Wait for one to finish or cancel one.",
                        active, limits.activeJobs()), ACTIVE_JOBS_RETRY);
            }
        }
        if (limits.submissionsPerMinute() > 0) {
            Window window = jdbc.sql("""
                    select count(*), coalesce(extract(epoch from (min(created_at) + interval '60 seconds' - now())), 0)
                    from jobs where tenant_id = :t and parent_id is null and created_at > now() - interval '60 seconds'
                    """).param("t", tenant).query((rs, n) -> new Window(rs.getLong(1), rs.getDouble(2))).single();
            if (window.count() >= limits.submissionsPerMinute()) {
                throw ApiProblem.tooMany("quota-submission-rate", "Too many submissions", String.format(Locale.ROOT,
                        "%d jobs were submitted in the last minute; this tenant may submit %d a minute.", window.count(),
                        limits.submissionsPerMinute()), Duration.ofMillis((long) Math.max(1000, window.secondsUntilOldestLeaves() * 1000)));
            }
        }
    }

    /** Call before an upload is stored; {@code incoming} is what it would add. */
    public void checkStorage(Caller caller, long incoming) {
        Limits limits = lockAndRead(caller.tenantId());
        if (limits.storedBytes() <= 0) {
            return;
        }
        long used = storedBytes(caller.tenantId());
        if (used + incoming > limits.storedBytes()) {
            throw ApiProblem.tooMany("quota-storage", "Storage quota reached", String.format(Locale.ROOT,
                    "This tenant stores %d bytes of its %d; this upload needs %d more. Delete uploads, models or results to make room.",
                    used, limits.storedBytes(), incoming), STORAGE_RETRY);
        }
    }

    public Standing standing(Caller caller) {
        UUID tenant = caller.tenantId();
        Limits limits = read(tenant);
        long active = jdbc.sql("select count(*) from jobs where tenant_id = :t and parent_id is null and state in ('QUEUED', 'RUNNING')")
                .param("t", tenant).query(Long.class).single();
        long lastMinute = jdbc.sql("select count(*) from jobs where tenant_id = :t and parent_id is null and created_at > now() - interval '60 seconds'")
                .param("t", tenant).query(Long.class).single();
        return new Standing(new Usage(limits.activeJobs(), active), new Usage(limits.submissionsPerMinute(), lastMinute),
                new Usage(limits.storedBytes(), storedBytes(tenant)));
    }

    /** The operator's overrides for {@code tenant}; answers false when there is no such tenant. */
    public boolean override(UUID tenant, Overrides overrides) {
        if (jdbc.sql("select 1 from tenants where id = :t").param("t", tenant).query(Integer.class).optional().isEmpty()) {
            return false;
        }
        jdbc.sql("""
                insert into tenant_quotas (tenant_id, active_jobs, submissions_per_minute, stored_bytes)
                values (:t, :active, :rate, :bytes)
                on conflict (tenant_id) do update set active_jobs = excluded.active_jobs,
                    submissions_per_minute = excluded.submissions_per_minute, stored_bytes = excluded.stored_bytes, updated_at = now()
                """).param("t", tenant).param("active", overrides.activeJobs()).param("rate", overrides.submissionsPerMinute())
                .param("bytes", overrides.storedBytes()).update();
        return true;
    }

    /** Uploads plus the files of job results, as the rows record them. */
    long storedBytes(UUID tenant) {
        return jdbc.sql("""
                select coalesce((select sum(bytes) from media where tenant_id = :t), 0)
                     + coalesce((select sum((f->>'bytes')::bigint) from jobs j, jsonb_array_elements(j.result->'files') f
                                 where j.tenant_id = :t and j.result is not null), 0)
                """).param("t", tenant).query(Long.class).single();
    }

    private Limits lockAndRead(UUID tenant) {
        jdbc.sql("select id from tenants where id = :t for update").param("t", tenant).query(UUID.class).single();
        return read(tenant);
    }

    private Limits read(UUID tenant) {
        return jdbc.sql("select active_jobs, submissions_per_minute, stored_bytes from tenant_quotas where tenant_id = :t")
                .param("t", tenant)
                .query((rs, n) -> new Limits(orDefault(rs.getObject(1, Integer.class), defaults.activeJobs()),
                        orDefault(rs.getObject(2, Integer.class), defaults.submissionsPerMinute()),
                        rs.getObject(3) == null ? defaults.storedBytes().toBytes() : rs.getLong(3)))
                .optional()
                .orElse(new Limits(defaults.activeJobs(), defaults.submissionsPerMinute(), defaults.storedBytes().toBytes()));
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private record Window(long count, double secondsUntilOldestLeaves) {
    }
}
