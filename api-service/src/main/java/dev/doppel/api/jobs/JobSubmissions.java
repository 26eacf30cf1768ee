package dev.doppel.api.jobs;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.doppel.api.audit.AuditLog;
import dev.doppel.api.quotas.Quotas;
import dev.doppel.api.system.ApiProblem;
import dev.doppel.api.system.Sha256;
import dev.doppel.api.tenancy.Caller;
import dev.doppel.model.jobs.CancelOutcome;
import dev.doppel.model.jobs.JobLedger;
import dev.doppel.model.jobs.JobsProperties;
import dev.doppel.model.jobs.NewJob;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submitting and cancelling jobs. A submission writes the job, its outbox row, its idempotency
 * key and its audit entry in one transaction: either all of them exist or none. The tenant's
 * quotas are checked in it first; a replayed idempotent request is not a new submission.
 */
@Service
class JobSubmissions {

    record Submitted(UUID jobId, boolean created) {
    }

    /** Raised inside the transaction when a concurrent request took the same idempotency key first. */
    private static final class KeyRace extends RuntimeException {
        KeyRace() {
            super(null, null, false, false);
        }
    }

    private static final JsonMapper CANONICAL = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final JobLedger ledger;
    private final JobTypes types;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JobsProperties jobs;
    private final SubmissionMetrics metrics;
    private final Quotas quotas;

    JobSubmissions(JobLedger ledger, JobTypes types, AuditLog audit, JdbcClient jdbc,
            TransactionTemplate transactions, JobsProperties jobs, SubmissionMetrics metrics, Quotas quotas) {
        this.quotas = quotas;
        this.ledger = ledger;
        this.types = types;
        this.audit = audit;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.jobs = jobs;
        this.metrics = metrics;
    }

    Submitted submit(Caller caller, JobType<?> type, JsonNode jobParameters, String idempotencyKey) {
        String requestHash = hash(type, jobParameters);
        try {
            return transactions.execute(status -> submitOnce(caller, type, jobParameters, idempotencyKey, requestHash));
        } catch (KeyRace race) {
            return transactions.execute(status -> submitOnce(caller, type, jobParameters, idempotencyKey, requestHash));
        }
    }

    private Submitted submitOnce(Caller caller, JobType<?> type, JsonNode jobParameters, String idempotencyKey, String requestHash) {
        if (idempotencyKey != null) {
            Optional<Submitted> earlier = earlier(caller, idempotencyKey, requestHash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        quotas.checkSubmission(caller);
        JobTypes.Accepted accepted = types.accept(caller, type, jobParameters);
        UUID jobId = UUID.randomUUID();
        ledger.submit(new NewJob(jobId, caller.tenantId(), accepted.route(), accepted.parameters().toString(), caller.apiKeyId(),
                jobs.maxAttempts()));
        if (idempotencyKey != null) {
            int inserted = jdbc.sql("""
                    insert into idempotency_keys (tenant_id, key, request_hash, job_id) values (:tenant, :key, :hash, :job)
                    on conflict do nothing
                    """)
                    .param("tenant", caller.tenantId()).param("key", idempotencyKey).param("hash", requestHash).param("job", jobId)
                    .update();
            if (inserted == 0) {
                throw new KeyRace();
            }
        }
        audit.record(caller, "job.submitted", "job", jobId, Map.of("kind", accepted.kind().name(), "route", accepted.route().key(),
                "parameters", jobParameters));
        metrics.submitted(accepted.kind());
        return new Submitted(jobId, true);
    }

    private Optional<Submitted> earlier(Caller caller, String idempotencyKey, String requestHash) {
        return jdbc.sql("select request_hash, job_id from idempotency_keys where tenant_id = :tenant and key = :key")
                .param("tenant", caller.tenantId()).param("key", idempotencyKey)
                .query((rs, n) -> {
                    if (!rs.getString("request_hash").equals(requestHash)) {
                        throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused",
                                "This Idempotency-Key was already used for a different request; use a new key for a new job.");
                    }
                    return new Submitted(rs.getObject("job_id", UUID.class), false);
                })
                .optional();
    }

    CancelOutcome cancel(Caller caller, UUID jobId) {
        return transactions.execute(status -> {
            CancelOutcome outcome = ledger.requestCancel(caller.tenantId(), jobId);
            if (outcome == CancelOutcome.CANCELLED || outcome == CancelOutcome.CANCEL_REQUESTED) {
                audit.record(caller, "job.cancel-requested", "job", jobId, Map.of("outcome", outcome.name()));
            }
            return outcome;
        });
    }

    /** Upper-case kinds, as hashes were taken when kinds were an enum, so stored idempotency keys still match. */
    private static String hash(JobType<?> type, JsonNode jobParameters) {
        return Sha256.of(type.kind().name().toUpperCase(Locale.ROOT) + "\n" + CANONICAL.writeValueAsString(CANONICAL.treeToValue(jobParameters, Object.class)));
    }
}
