package dev.doppel.standalone.it;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.doppel.model.storage.ObjectStore;
import dev.doppel.worker.WorkerApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Cancellation in every state, idempotent submission, live events, tenant isolation, graceful drain. */
class JobLifecycleIT {

    private final RunningDoppel doppel = RunningDoppel.get();
    private final ApiClient api = doppel.api;

    @AfterEach
    void resumeWorker() {
        doppel.resumeWorker();
    }

    @Test
    void aQueuedJobIsCancelledAtOnceAndNeverRuns() throws Exception {
        doppel.pauseWorker();
        UUID jobId = api.submitExtract(faceSetWithOnePhoto());
        ApiClient.Response cancelled = api.postEmpty("/api/v1/jobs/" + jobId + "/cancel");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("state").asString()).isEqualTo("CANCELLED");

        // The next job of the same queue succeeding means the worker has taken and dropped the cancelled job's message.
        UUID next = api.submitExtract(faceSetWithOnePhoto());
        doppel.resumeWorker();
        api.awaitState(next, "SUCCEEDED", Duration.ofMinutes(2));
        JsonNode job = api.job(jobId);
        assertThat(job.path("state").asString()).isEqualTo("CANCELLED");
        assertThat(job.path("attempt").asInt()).isZero();
    }

    @Test
    void aRunningJobStopsAtItsNextSafePointAndLeavesNoResult() throws Exception {
        UUID jobId = SteppingJobs.submit(doppel, 400, 50);
        api.awaitState(jobId, "RUNNING", Duration.ofSeconds(30));
        ApiClient.Response requested = api.postEmpty("/api/v1/jobs/" + jobId + "/cancel");
        assertThat(requested.status()).isEqualTo(202);
        assertThat(requested.json().path("cancelRequested").asBoolean()).isTrue();

        JsonNode job = api.awaitState(jobId, "CANCELLED", Duration.ofSeconds(10));
        assertThat(job.path("progress").asDouble()).isLessThan(1.0);
        assertThat(job.path("result").isNull()).isTrue();
        UUID tenant = doppel.tenantId;
        // No result of the cancelled attempt remains; its checkpoint does, so nothing trained is lost.
        assertThat(doppel.bean(ObjectStore.class).list(dev.doppel.model.storage.StorageKeys.jobAttemptPrefix(tenant, jobId, 1))).isEmpty();
        assertThat(doppel.bean(ObjectStore.class).list(dev.doppel.model.storage.StorageKeys.jobCheckpoint(tenant, jobId, "step"))).hasSize(1);
    }

    @Test
    void aFinishedJobCannotBeCancelledAndAnUnknownOneIsNotFound() throws Exception {
        UUID jobId = api.submitExtract(faceSetWithOnePhoto());
        api.awaitState(jobId, "SUCCEEDED", Duration.ofSeconds(60));
        api.postEmpty("/api/v1/jobs/" + jobId + "/cancel").problem(409, "job-not-cancellable");
        api.postEmpty("/api/v1/jobs/" + UUID.randomUUID() + "/cancel").problem(404, "job-not-found");
    }

    @Test
    void anIdempotencyKeyReturnsTheSameJobForTheSameBodyAndRefusesAnotherBody() throws Exception {
        UUID faceSet = faceSetWithOnePhoto();
        String key = "retry-" + UUID.randomUUID();
        UUID first = api.submitExtract(faceSet, "Idempotency-Key", key);
        UUID again = api.submitExtract(faceSet, "Idempotency-Key", key);
        assertThat(again).isEqualTo(first);

        UUID otherFaceSet = faceSetWithOnePhoto();
        api.post("/api/v1/jobs", Map.of("kind", "extract", "parameters", Map.of("faceSetId", otherFaceSet.toString())),
                "Idempotency-Key", key).problem(422, "idempotency-key-reused");
        assertThat(api.submitExtract(faceSet, "Idempotency-Key", key + "-new")).isNotEqualTo(first);
        assertThat(api.submitExtract(faceSet)).isNotEqualTo(first);
    }

    @Test
    void serverSentEventsCarryProgressUntilTheJobEnds() throws Exception {
        UUID jobId = SteppingJobs.submit(doppel, 8, 400);
        List<JsonNode> events = api.events("/api/v1/jobs/" + jobId + "/events", Duration.ofSeconds(60));

        assertThat(events.get(events.size() - 1).path("state").asString()).isEqualTo("SUCCEEDED");
        List<Double> progress = events.stream().map(event -> event.path("progress").asDouble()).toList();
        assertThat(progress).isSorted();
        assertThat(progress.stream().filter(p -> p > 0 && p < 1).distinct().count()).isGreaterThanOrEqualTo(2);
        assertThat(events.stream().map(event -> event.path("stage").asString())).anyMatch(stage -> stage.startsWith("step "));

        JsonNode preview = events.get(events.size() - 1).path("previews").get(0);
        assertThat(preview.path("name").asString()).isEqualTo("latest.png");
        ApiClient.Response image = api.fetchAbsolute(api.get(preview.path("download").asString()).header("Location"));
        assertThat(image.status()).isEqualTo(200);
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(image.body())).getWidth()).isEqualTo(64);
    }

    @Test
    void anotherTenantSeesNothingOfThisOne() throws Exception {
        UUID faceSet = faceSetWithOnePhoto();
        UUID jobId = api.submitExtract(faceSet);
        api.awaitState(jobId, "SUCCEEDED", Duration.ofSeconds(60));
        ApiClient stranger = doppel.otherTenant("stranger-" + UUID.randomUUID());

        stranger.get("/api/v1/jobs/" + jobId).problem(404, "job-not-found");
        stranger.postEmpty("/api/v1/jobs/" + jobId + "/cancel").problem(404, "job-not-found");
        stranger.get("/api/v1/jobs/" + jobId + "/events").problem(404, "job-not-found");
        stranger.get("/api/v1/jobs/" + jobId + "/result/contact-sheet.png").problem(404, "job-not-found");
        stranger.get("/api/v1/face-sets/" + faceSet).problem(404, "face-set-not-found");
        stranger.upload("/api/v1/face-sets/" + faceSet + "/media", List.of(TestMedia.png("x.png", 32, 32)))
                .problem(404, "face-set-not-found");
        stranger.post("/api/v1/jobs", Map.of("kind", "extract", "parameters", Map.of("faceSetId", faceSet.toString())))
                .problem(422, "invalid-job-parameters");
        assertThat(stranger.get("/api/v1/jobs").json().path("items")).isEmpty();
        assertThat(stranger.get("/api/v1/face-sets").json()).isEmpty();
    }

    @Test
    void aWorkerShuttingDownHandsItsRunningJobBackAndAnotherFinishesIt() throws Exception {
        doppel.pauseWorker();
        ConfigurableApplicationContext leaving = new SpringApplicationBuilder(WorkerApplication.class, SteppingHandler.class)
                .web(WebApplicationType.NONE)
                .properties(Map.copyOf(doppel.servers.springProperties()))
                .run(RunningDoppel.concat(RunningDoppel.FAST_LEDGER, "--doppel.worker.id=leaving-worker", "--doppel.worker.kinds=stepping"));
        UUID jobId;
        try {
            jobId = SteppingJobs.submit(doppel, 100, 100);
            JsonNode running = api.awaitState(jobId, "RUNNING", Duration.ofSeconds(30));
            assertThat(running.path("attempt").asInt()).isEqualTo(1);
            // Hand back only once a step is recorded: a shutdown before the first safe point has nothing to keep.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (api.job(jobId).path("metrics").path("step").asInt() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            long closing = System.nanoTime();
            leaving.close();
            assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(10));
        }
        JsonNode released = api.job(jobId);
        assertThat(released.path("state").asString()).isEqualTo("QUEUED");
        assertThat(released.path("attempt").asInt()).isZero();

        doppel.resumeWorker();
        JsonNode finished = api.awaitState(jobId, "SUCCEEDED", Duration.ofSeconds(60));
        assertThat(finished.path("attempt").asInt()).isEqualTo(1);
        int resumedFrom = finished.path("metrics").path("resumedFrom").asInt();
        assertThat(resumedFrom).as("steps done before the hand-back are not done again").isPositive();
        assertThat(released.path("metrics").path("step").asInt()).isLessThanOrEqualTo(resumedFrom);
    }

    private UUID faceSetWithOnePhoto() throws Exception {
        UUID faceSet = api.createFaceSet("Lifecycle");
        api.uploadOk(faceSet, TestMedia.portrait("l.jpg"));
        return faceSet;
    }

}
