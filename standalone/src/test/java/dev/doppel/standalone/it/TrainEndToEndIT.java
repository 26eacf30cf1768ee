package dev.doppel.standalone.it;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import dev.doppel.worker.WorkerApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Training as a job on the real SameDiff model (a narrow one, so CI can afford it): faces from two
 * extracted face sets, checkpoints with previews and loss history, the model as a resource, and a
 * worker shutting down mid-run whose successor resumes from the checkpoint.
 */
class TrainEndToEndIT {

    private static final Map<String, Object> SMALL_MODEL = Map.of("resolution", 64, "widthScale", 0.125, "batchSize", 4,
            "checkpointEvery", 10);

    private final RunningDoppel doppel = RunningDoppel.get();
    private final ApiClient api = doppel.api;

    @AfterEach
    void resumeWorker() {
        doppel.resumeWorker();
    }

    @Test
    void aTrainJobLearnsBothFaceSetsAndPublishesTheModel() throws Exception {
        UUID jobId = submitTrain(extractedFaceSets(), 40);
        JsonNode job = api.awaitState(jobId, "SUCCEEDED", Duration.ofMinutes(5));
        assertThat(job.path("metrics").path("iteration").asLong()).isEqualTo(40);
        assertThat(job.path("metrics").path("egsPerSecond").asDouble()).isPositive();
        assertThat(job.path("result").path("files").get(0).path("name").asString()).isEqualTo("preview.png");

        JsonNode model = api.get("/api/v1/models/" + jobId).json();
        assertThat(model.path("iteration").asLong()).isEqualTo(40);
        assertThat(model.path("architecture").asString()).isEqualTo("original");
        assertThat(model.path("engine").asString()).isEqualTo("samediff");
        assertThat(job.path("parameters").path("engine").asString()).as("the engine the API chose, kept with the job").isEqualTo("samediff");
        assertThat(model.path("faceSets").size()).isEqualTo(2);
        assertThat(model.path("losses").path("reconstructionA").asDouble()).isStrictlyBetween(0.0, 2.0);
        // That the loss falls is SwapTrainingTest's to show (pipeline); here the history must be recorded whole.
        JsonNode losses = api.get("/api/v1/models/" + jobId + "/losses").json();
        assertThat(losses).hasSize(4);
        for (JsonNode point : losses) {
            assertThat(point.path("losses").path("reconstructionA").asDouble()).isStrictlyBetween(0.0, 2.0);
            assertThat(point.path("losses").path("reconstructionB").asDouble()).isStrictlyBetween(0.0, 2.0);
        }
        assertThat(losses.get(3).path("iteration").asLong()).isEqualTo(40);

        byte[] preview = api.fetchAbsolute(api.get(model.path("links").path("preview").asString()).header("Location")).body();
        assertThat(ImageIO.read(new ByteArrayInputStream(preview)).getWidth()).isEqualTo(6 * 64);
        assertThat(new String(preview, StandardCharsets.ISO_8859_1)).contains("digitalsourcetype/trainedAlgorithmicMedia");
        ApiClient.Response checkpoint = api.get(model.path("links").path("checkpoint").asString());
        assertThat(checkpoint.status()).isEqualTo(303);
        assertThat(api.fetchAbsolute(checkpoint.header("Location")).body()).startsWith(new byte[] {'P', 'K'});
        assertThat(api.get("/api/v1/models").json().toString()).contains(jobId.toString());
    }

    @Test
    void aWorkerShuttingDownMidRunHandsTheModelOnAndTrainingResumesFromItsCheckpoint() throws Exception {
        UUID[] faceSets = extractedFaceSets();
        doppel.pauseWorker();
        ConfigurableApplicationContext leaving = new SpringApplicationBuilder(WorkerApplication.class)
                .web(WebApplicationType.NONE)
                .properties(Map.copyOf(doppel.servers.springProperties()))
                .run(RunningDoppel.concat(RunningDoppel.FAST_LEDGER, "--doppel.worker.id=leaving-trainer", "--doppel.worker.kinds=TRAIN"));
        UUID jobId;
        try {
            jobId = submitTrain(faceSets, 400);
            awaitModelIteration(jobId, 10);
        } finally {
            leaving.close();
        }
        JsonNode released = api.job(jobId);
        assertThat(released.path("state").asString()).isEqualTo("QUEUED");
        long handedOver = api.get("/api/v1/models/" + jobId).json().path("iteration").asLong();
        assertThat(handedOver).isGreaterThanOrEqualTo(10).isLessThan(400);

        doppel.resumeWorker();
        JsonNode running = api.awaitState(jobId, "RUNNING", Duration.ofSeconds(60));
        assertThat(running.path("attempt").asInt()).isEqualTo(1);
        awaitModelIteration(jobId, handedOver + 10);
        ApiClient.Response cancelLater = api.postEmpty("/api/v1/jobs/" + jobId + "/cancel");
        assertThat(cancelLater.status()).isEqualTo(202);
        JsonNode cancelled = api.awaitState(jobId, "CANCELLED", Duration.ofSeconds(60));
        assertThat(cancelled.path("metrics").path("resumedFrom").asLong()).isEqualTo(handedOver);

        List<Long> iterations = new ArrayList<>();
        api.get("/api/v1/models/" + jobId + "/losses").json().forEach(point -> iterations.add(point.path("iteration").asLong()));
        assertThat(iterations).isSorted().doesNotHaveDuplicates().contains(10L);
        assertThat(iterations.get(iterations.size() - 1)).isGreaterThan(handedOver);
        assertThat(api.get("/api/v1/models/" + jobId).json().path("iteration").asLong())
                .as("the cancel kept what was learned").isGreaterThan(handedOver);
    }

    private UUID[] extractedFaceSets() throws Exception {
        return new UUID[] {
                extractedFaceSet("A", TestMedia.portrait("a.jpg")),
                extractedFaceSet("B", new ApiClient.Part("file", "b.jpg", "image/jpeg", TestMedia.sampleJpeg(3, 960)))};
    }

    private UUID submitTrain(UUID[] faceSets, int iterations) {
        Map<String, Object> parameters = new java.util.HashMap<>(SMALL_MODEL);
        parameters.put("faceSetA", faceSets[0].toString());
        parameters.put("faceSetB", faceSets[1].toString());
        parameters.put("iterations", iterations);
        ApiClient.Response submitted = api.post("/api/v1/jobs", Map.of("kind", "train", "parameters", parameters));
        assertThat(submitted.status()).as(new String(submitted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        return UUID.fromString(submitted.json().path("id").asString());
    }

    private UUID extractedFaceSet(String name, ApiClient.Part photo) throws Exception {
        UUID faceSet = api.createFaceSet(name);
        api.uploadOk(faceSet, photo);
        api.awaitState(api.submitExtract(faceSet), "SUCCEEDED", Duration.ofMinutes(2));
        return faceSet;
    }

    private void awaitModelIteration(UUID modelId, long iteration) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            ApiClient.Response model = api.get("/api/v1/models/" + modelId);
            if (model.status() == 200 && model.json().path("iteration").asLong() >= iteration) {
                return;
            }
            assertThat(System.nanoTime()).as("model %s reaches iteration %d", modelId, iteration).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
