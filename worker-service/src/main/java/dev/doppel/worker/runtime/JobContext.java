package dev.doppel.worker.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.doppel.model.jobs.JobLease;
import dev.doppel.model.jobs.ProgressSnapshot;
import dev.doppel.model.storage.ObjectStore;
import dev.doppel.model.storage.StorageKeys;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a running job sees of the world: its parameters, a scratch folder, progress and metrics
 * (written to the ledger by the heartbeat), a cancellation check, its outputs and checkpoints.
 * Outputs go under the attempt's own prefix, so an attempt that loses its lease cannot overwrite
 * the one that wins.
 */
public final class JobContext {

    public record Output(String name, String key, String contentType, long bytes) {
    }

    private final JobLease lease;
    private final ObjectStore store;
    private final JsonMapper json;
    private final Path scratch;
    private final long startedNanos = System.nanoTime();
    private final Map<String, Object> metrics = new LinkedHashMap<>();
    private final List<String> previews = new ArrayList<>();
    private final List<Output> outputs = new ArrayList<>();
    private final List<Runnable> successActions = new ArrayList<>();
    private volatile String stage = "starting";
    private volatile double fraction;
    private volatile JobStopped.Reason stopReason;

    JobContext(JobLease lease, ObjectStore store, JsonMapper json, Path scratch) {
        this.lease = lease;
        this.store = store;
        this.json = json;
        this.scratch = scratch;
    }

    public UUID jobId() {
        return lease.jobId();
    }

    public UUID tenantId() {
        return lease.tenantId();
    }

    public int attempt() {
        return lease.attempt();
    }

    public JsonNode parameters() {
        return json.readTree(lease.parametersJson());
    }

    public Path scratch() {
        return scratch;
    }

    public ObjectStore store() {
        return store;
    }

    public Progress progress() {
        return (step, done) -> {
            stage = step;
            fraction = Math.max(0, Math.min(1, done));
        };
    }

    public Cancellation cancellation() {
        return () -> {
            JobStopped.Reason reason = stopReason;
            if (reason != null) {
                throw new JobStopped(reason);
            }
        };
    }

    public synchronized void metric(String name, Object value) {
        metrics.put(name, value);
    }

    /** Stores a finished output of this attempt; the job's result lists every output in order. */
    public synchronized Output writeOutput(String name, byte[] bytes, String contentType) {
        String key = StorageKeys.jobOutput(tenantId(), jobId(), attempt(), name);
        store.put(key, bytes, contentType);
        Output output = new Output(name, key, contentType, bytes.length);
        outputs.add(output);
        return output;
    }

    /** As {@link #writeOutput(String, byte[], String)}, streaming a file (a video) rather than holding it in memory. */
    public synchronized Output writeOutput(String name, Path file, String contentType) throws IOException {
        String key = StorageKeys.jobOutput(tenantId(), jobId(), attempt(), name);
        store.put(key, file, contentType);
        Output output = new Output(name, key, contentType, Files.size(file));
        outputs.add(output);
        return output;
    }

    /**
     * Stores a file of this attempt that the result does not list (a face crop, a mask); it is
     * removed with the attempt's other outputs if the attempt does not succeed.
     */
    public String storeArtifact(String name, byte[] bytes, String contentType) {
        String key = StorageKeys.jobOutput(tenantId(), jobId(), attempt(), name);
        store.put(key, bytes, contentType);
        return key;
    }

    /**
     * Runs {@code action} in the transaction that marks the job SUCCEEDED, so rows a stage records
     * (faces, models) exist exactly when the job succeeded, and never for an attempt that lost its lease.
     */
    public synchronized void atSuccess(Runnable action) {
        successActions.add(action);
    }

    /** Replaces the latest image of how the job is doing; clients see it in the job's previews. Returns the key. */
    public String publishPreview(String name, byte[] png) {
        String key = StorageKeys.jobPreview(tenantId(), jobId(), name);
        store.put(key, png, "image/png");
        synchronized (this) {
            if (!previews.contains(name)) {
                previews.add(name);
            }
        }
        return key;
    }

    /** Checkpoints live outside the attempt prefix: the next attempt resumes from them. Returns the key. */
    public String saveCheckpoint(String name, Path file) {
        String key = StorageKeys.jobCheckpoint(tenantId(), jobId(), name);
        store.put(key, file, "application/octet-stream");
        return key;
    }

    public Optional<Path> loadCheckpoint(String name) throws IOException {
        String key = StorageKeys.jobCheckpoint(tenantId(), jobId(), name);
        if (!store.list(key).contains(key)) {
            return Optional.empty();
        }
        Path target = Files.createDirectories(scratch.resolve("checkpoints")).resolve(name);
        store.download(key, target);
        return Optional.of(target);
    }

    synchronized ProgressSnapshot snapshot() {
        return new ProgressSnapshot(stage, fraction, eta(), json.writeValueAsString(metrics), json.writeValueAsString(previews));
    }

    synchronized String resultJson() {
        return json.writeValueAsString(Map.of("files", outputs));
    }

    synchronized List<Runnable> successActions() {
        return List.copyOf(successActions);
    }

    void stop(JobStopped.Reason reason) {
        if (stopReason == null || reason == JobStopped.Reason.LEASE_LOST) {
            stopReason = reason;
        }
    }

    /** The lease this attempt holds: rows a stage writes while running are conditional on it. */
    public JobLease lease() {
        return lease;
    }

    private Long eta() {
        double done = fraction;
        if (done < 0.01 || done >= 1) {
            return null;
        }
        double elapsedSeconds = (System.nanoTime() - startedNanos) / 1e9;
        return Math.round(elapsedSeconds * (1 - done) / done);
    }
}
