package dev.doppel.api.deletion;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import dev.doppel.api.audit.AuditLog;
import dev.doppel.api.system.ApiProblem;
import dev.doppel.api.tenancy.Caller;
import dev.doppel.model.jobs.CancelOutcome;
import dev.doppel.model.jobs.JobLedger;
import dev.doppel.model.storage.StorageKeys;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Removing people's data and everything made from it. A face set goes with its uploads, faces,
 * the models trained on it (and models continued from those), and the outputs of every job that
 * used any of them; jobs still queued or running on it are cancelled first, and the deletion
 * completes once they have stopped ({@link DeletionSweeper}). Job rows and the audit log keep the
 * fact and time of each deletion, never the data; store objects go through {@link ObjectDeletions}.
 */
@Service
public class Deletions {

    /** How a face set deletion stands: done, or waiting for the jobs it cancelled to stop. */
    public record FaceSetDeletion(boolean deleted, List<UUID> waitingFor) {
    }

    /** A bound on one sweep's retention work, so a backlog drains over several sweeps rather than one long one. */
    private static final int EXPIRE_PER_SWEEP = 200;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JobLedger ledger;
    private final AffectedJobs affectedJobs;
    private final ObjectDeletions objects;
    private final AuditLog audit;
    private final JsonMapper json;

    Deletions(JdbcClient jdbc, TransactionTemplate transactions, JobLedger ledger, AffectedJobs affectedJobs, ObjectDeletions objects,
            AuditLog audit, JsonMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.ledger = ledger;
        this.affectedJobs = affectedJobs;
        this.objects = objects;
        this.audit = audit;
        this.json = json;
    }

    /**
     * Hides the face set at once (it takes no new jobs), cancels what runs on it, and deletes it
     * now if nothing runs any more. Asking again while it waits is harmless.
     *
     * @param reason {@code deleted} or {@code consent-withdrawn}, for the audit log
     */
    public FaceSetDeletion deleteFaceSet(Caller caller, UUID faceSetId, String reason) {
        transactions.executeWithoutResult(status -> {
            int marked = jdbc.sql("update face_sets set deleting_since = coalesce(deleting_since, now()) where id = :id and tenant_id = :tenant")
                    .param("id", faceSetId).param("tenant", caller.tenantId()).update();
            if (marked == 0) {
                throw ApiProblem.notFound("face-set", faceSetId);
            }
            audit.record(caller, "face-set.deletion-requested", "face-set", faceSetId, Map.of("reason", reason));
        });
        List<AffectedJobs.Job> active = cancelActive(caller.tenantId(), faceSetReferences(caller.tenantId(), faceSetId));
        if (!active.isEmpty()) {
            return new FaceSetDeletion(false, active.stream().map(AffectedJobs.Job::id).toList());
        }
        boolean deleted = completeFaceSet(caller.tenantId(), faceSetId, caller.apiKeyId());
        objects.drain();
        return new FaceSetDeletion(deleted, List.of());
    }

    /**
     * Finishes a requested face set deletion if none of its jobs runs any more: one transaction
     * deletes the rows, scrubs the jobs' outputs and lists their objects for removal.
     *
     * @return false if a job still runs, or another replica holds the face set
     */
    boolean completeFaceSet(UUID tenantId, UUID faceSetId, UUID apiKeyId) {
        Boolean done = transactions.execute(status -> {
            boolean held = jdbc.sql("select 1 from face_sets where id = :id and tenant_id = :tenant and deleting_since is not null"
                            + " for update skip locked")
                    .param("id", faceSetId).param("tenant", tenantId).query(Integer.class).optional().isPresent();
            if (!held) {
                return false;
            }
            List<AffectedJobs.Job> affected = affectedJobs.of(tenantId, faceSetReferences(tenantId, faceSetId));
            if (affected.stream().anyMatch(AffectedJobs.Job::active)) {
                return false;
            }
            List<UUID> jobIds = affected.stream().map(AffectedJobs.Job::id).toList();
            List<String> prefixes = new ArrayList<>();
            prefixes.add(StorageKeys.faceSetPrefix(tenantId, faceSetId));
            jobIds.forEach(id -> prefixes.add(StorageKeys.jobPrefix(tenantId, id)));
            objects.enqueue(tenantId, prefixes);
            scrub(jobIds);
            int models = jobIds.isEmpty() ? 0 : jdbc.sql("delete from models where id in (:ids)").param("ids", jobIds).update();
            long faces = count("select count(*) from faces where face_set_id = :id", faceSetId);
            long uploads = count("select count(*) from media where face_set_id = :id", faceSetId);
            jdbc.sql("delete from face_sets where id = :id").param("id", faceSetId).update();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("uploads", uploads);
            detail.put("faces", faces);
            detail.put("models", models);
            detail.put("jobsScrubbed", jobIds.size());
            audit.record(new Caller(tenantId, apiKeyId), "face-set.deleted", "face-set", faceSetId, detail);
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    /** Face sets whose deletion waits for jobs to stop, for the sweeper. */
    List<Pending> pendingFaceSets() {
        return jdbc.sql("select tenant_id, id from face_sets where deleting_since is not null order by deleting_since limit 100")
                .query((rs, n) -> new Pending(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class))).list();
    }

    record Pending(UUID tenantId, UUID faceSetId) {
    }

    /**
     * An upload, the faces extracted from it, and the outputs that show them: results of jobs that
     * used the upload, and the listed outputs (contact sheets, alignments) of the face set's extract
     * jobs. Models trained on the face set keep what they learned: delete the face set for those.
     */
    public void deleteUpload(Caller caller, UUID faceSetId, UUID mediaId) {
        transactions.executeWithoutResult(status -> deleteUploadRows(caller, faceSetId, mediaId, "deleted"));
        objects.drain();
    }

    /** The upload's rows go and its objects are listed, in the caller's transaction. */
    void deleteUploadRows(Caller caller, UUID faceSetId, UUID mediaId, String reason) {
        String objectKey = jdbc.sql("select object_key from media where id = :id and face_set_id = :faceSet and tenant_id = :tenant for update")
                .param("id", mediaId).param("faceSet", faceSetId).param("tenant", caller.tenantId()).query(String.class).optional()
                .orElseThrow(() -> ApiProblem.notFound("upload", mediaId));
        List<AffectedJobs.Job> usingIt = affectedJobs.of(caller.tenantId(), List.of(mediaId));
        List<AffectedJobs.Job> extracts = jobsOfKind(caller.tenantId(), faceSetId, "extract");
        refuseIfActive(usingIt, "upload");
        refuseIfActive(extracts, "upload");
        List<String> prefixes = new ArrayList<>();
        prefixes.add(objectKey);
        jdbc.sql("select crop_key, mask_key from faces where media_id = :id").param("id", mediaId)
                .query((rs, n) -> prefixes.addAll(List.of(rs.getString(1), rs.getString(2)))).list();
        List<UUID> jobIds = usingIt.stream().map(AffectedJobs.Job::id).toList();
        jobIds.forEach(id -> prefixes.add(StorageKeys.jobPrefix(caller.tenantId(), id)));
        List<UUID> extractIds = extracts.stream().map(AffectedJobs.Job::id).toList();
        prefixes.addAll(listedOutputs(extractIds));
        objects.enqueue(caller.tenantId(), prefixes);
        scrub(jobIds);
        scrubResults(extractIds);
        jdbc.sql("delete from media where id = :id").param("id", mediaId).update();
        audit.record(caller, "upload.deleted", "upload", mediaId, Map.of("faceSet", faceSetId.toString(), "jobsScrubbed", jobIds.size(),
                "reason", reason));
    }

    /** A model: its checkpoints, previews and loss history. What was converted with it, and models continued from it, stay. */
    public void deleteModel(Caller caller, UUID modelId) {
        transactions.executeWithoutResult(status -> {
            boolean exists = jdbc.sql("select 1 from models where id = :id and tenant_id = :tenant for update")
                    .param("id", modelId).param("tenant", caller.tenantId()).query(Integer.class).optional().isPresent();
            if (!exists) {
                throw ApiProblem.notFound("model", modelId);
            }
            List<AffectedJobs.Job> own = jdbc.sql("select id, kind, state from jobs where id = :id")
                    .param("id", modelId).query((rs, n) -> new AffectedJobs.Job(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list();
            refuseIfActive(own, "model");
            refuseIfActive(affectedJobs.of(caller.tenantId(), List.of(modelId)).stream().filter(job -> !job.id().equals(modelId)).toList(),
                    "model");
            objects.enqueue(caller.tenantId(), List.of(StorageKeys.jobPrefix(caller.tenantId(), modelId)));
            scrub(List.of(modelId));
            jdbc.sql("delete from models where id = :id").param("id", modelId).update();
            audit.record(caller, "model.deleted", "model", modelId, Map.of());
        });
        objects.drain();
    }

    /**
     * A finished job's listed outputs (and previews, except a train job's, which are its model's).
     * Files the job stored for others (an extract job's face crops) stay with what uses them.
     */
    public void deleteJobResult(Caller caller, UUID jobId) {
        transactions.executeWithoutResult(status -> deleteJobResultRows(caller, jobId, "deleted"));
        objects.drain();
    }

    /** The job's outputs are scrubbed and listed, in the caller's transaction. */
    void deleteJobResultRows(Caller caller, UUID jobId, String reason) {
        List<AffectedJobs.Job> job = jdbc.sql("select id, kind, state from jobs where id = :id and tenant_id = :tenant for update")
                .param("id", jobId).param("tenant", caller.tenantId())
                .query((rs, n) -> new AffectedJobs.Job(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list();
        if (job.isEmpty()) {
            throw ApiProblem.notFound("job", jobId);
        }
        refuseIfActive(job, "job");
        List<String> prefixes = new ArrayList<>(listedOutputs(List.of(jobId)));
        if (!job.get(0).kind().equals("train")) {
            prefixes.add(StorageKeys.jobPrefix(caller.tenantId(), jobId) + "previews/");
        }
        objects.enqueue(caller.tenantId(), prefixes);
        if (job.get(0).kind().equals("train")) {
            scrubResults(List.of(jobId));
        } else {
            scrub(List.of(jobId));
        }
        audit.record(caller, "job.result-deleted", "job", jobId, Map.of("reason", reason));
    }

    /**
     * Retention: outputs of jobs that finished before {@code resultsBefore} and uploads that came
     * before {@code uploadsBefore} (null keeps them). One transaction per item holds the row lock its
     * select took, so other replicas skip it; what a job still uses waits for a later sweep.
     *
     * @return how many results and uploads went
     */
    public int expire(Instant resultsBefore, Instant uploadsBefore) {
        int expired = 0;
        if (resultsBefore != null) {
            expired += expireEach("select tenant_id, id, id from jobs where finished_at < :before and result is not null"
                    + " and data_deleted_at is null and id::text <> all(:skipped) order by finished_at limit 1 for update skip locked",
                    resultsBefore, row -> deleteJobResultRows(new Caller(row.tenantId(), null), row.id(), "retention"));
        }
        if (uploadsBefore != null) {
            expired += expireEach("select tenant_id, id, face_set_id from media where created_at < :before and id::text <> all(:skipped)"
                    + " order by created_at limit 1 for update skip locked",
                    uploadsBefore, row -> deleteUploadRows(new Caller(row.tenantId(), null), row.owner(), row.id(), "retention"));
        }
        objects.drain();
        return expired;
    }

    /** What retention takes: its tenant, its id, and what it belongs to (a media's face set). */
    private record Expiring(UUID tenantId, UUID id, UUID owner) {
    }

    private record Attempt(Expiring item, boolean deleted) {
    }

    private int expireEach(String sql, Instant before, Consumer<Expiring> delete) {
        List<String> skipped = new ArrayList<>();
        int done = 0;
        while (done + skipped.size() < EXPIRE_PER_SWEEP) {
            Attempt attempt = transactions.execute(status -> {
                Optional<Expiring> item = jdbc.sql(sql).param("before", Timestamp.from(before)).param("skipped", skipped.toArray(String[]::new))
                        .query((rs, n) -> new Expiring(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class)))
                        .optional();
                if (item.isEmpty()) {
                    return null;
                }
                try {
                    delete.accept(item.get());
                    return new Attempt(item.get(), true);
                } catch (ApiProblem inUse) {
                    status.setRollbackOnly();
                    return new Attempt(item.get(), false);
                }
            });
            if (attempt == null) {
                return done;
            }
            if (attempt.deleted()) {
                done++;
            } else {
                skipped.add(attempt.item().id().toString());
            }
        }
        return done;
    }

    private List<UUID> faceSetReferences(UUID tenantId, UUID faceSetId) {
        List<UUID> references = new ArrayList<>();
        references.add(faceSetId);
        references.addAll(jdbc.sql("select id from media where face_set_id = :id and tenant_id = :tenant")
                .param("id", faceSetId).param("tenant", tenantId).query(UUID.class).list());
        return references;
    }

    /** Cancels every queued or running job among those affected; answers those still running (stopping at their next safe point). */
    private List<AffectedJobs.Job> cancelActive(UUID tenantId, List<UUID> references) {
        // A queued job is cancelled on the spot; only a running one is left to stop at its next safe point.
        return affectedJobs.of(tenantId, references).stream().filter(AffectedJobs.Job::active)
                .filter(job -> ledger.requestCancel(tenantId, job.id()) == CancelOutcome.CANCEL_REQUESTED).toList();
    }

    private List<AffectedJobs.Job> jobsOfKind(UUID tenantId, UUID faceSetId, String kind) {
        return affectedJobs.of(tenantId, List.of(faceSetId)).stream().filter(job -> job.kind().equals(kind)).toList();
    }

    private static void refuseIfActive(List<AffectedJobs.Job> jobs, String what) {
        List<UUID> active = jobs.stream().filter(AffectedJobs.Job::active).map(AffectedJobs.Job::id).toList();
        if (!active.isEmpty()) {
            throw new ApiProblem(HttpStatus.CONFLICT, what + "-in-use", "In use by a job",
                    "Job(s) " + active + " still use this " + what + "; cancel them or let them finish, then delete it.");
        }
    }

    /** The keys of the files a job's result lists. */
    private List<String> listedOutputs(List<UUID> jobIds) {
        if (jobIds.isEmpty()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        jdbc.sql("select result::text from jobs where id in (:ids) and result is not null").param("ids", jobIds).query(String.class).list()
                .forEach(result -> json.readTree(result).path("files").forEach(file -> keys.add(file.path("key").asString())));
        return keys;
    }

    /** The job keeps its row and its parameters (ids); what it made and measured goes. */
    private void scrub(List<UUID> jobIds) {
        if (!jobIds.isEmpty()) {
            jdbc.sql("update jobs set result = null, previews = '[]'::jsonb, metrics = '{}'::jsonb, data_deleted_at = now(), updated_at = now()"
                    + " where id in (:ids)").param("ids", jobIds).update();
        }
    }

    private void scrubResults(List<UUID> jobIds) {
        if (!jobIds.isEmpty()) {
            jdbc.sql("update jobs set result = null, data_deleted_at = now(), updated_at = now() where id in (:ids)")
                    .param("ids", jobIds).update();
        }
    }

    private long count(String sql, UUID id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single();
    }

}
