package dev.doppel.standalone.it;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobRoute;
import dev.doppel.model.messaging.JobTopology;
import dev.doppel.worker.WorkerApplication;
import dev.doppel.worker.faces.FaceNetworks;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The family and engine seam as operators meet it: the tests' Doppel runs a SameDiff-only worker,
 * a second worker runs PyTorch, and each takes only the jobs of its engine; faceswap's Original
 * trains and converts on both. And one worker runs two conversions at once when told to.
 */
class WorkerSeamIT {

    private static final RunningDoppel doppel = RunningDoppel.get();
    private static final ApiClient api = doppel.api;
    private static UUID faceSetA;
    private static UUID faceSetB;
    private static UUID photoId;

    @BeforeAll
    static void extractTwoPeople() throws Exception {
        TwoPeople people = TwoPeople.extracted(api, "Seam");
        faceSetA = people.faceSetA();
        faceSetB = people.faceSetB();
        photoId = people.photo();
    }

    @Test
    void eachEngineTrainsAndConvertsOnItsOwnWorkersAndASameDiffWorkerLeavesPyTorchJobsAlone() throws Exception {
        UUID onTorch = train("pytorch");
        JsonNode queued = api.job(onTorch);
        assertThat(queued.path("route").asString()).isEqualTo("train.pytorch");
        UUID onSameDiff = train("samediff");
        // Submitted later, finished first: the only running worker takes SameDiff jobs, never the PyTorch one.
        api.awaitState(onSameDiff, "SUCCEEDED", Duration.ofMinutes(3));
        JsonNode waiting = api.job(onTorch);
        assertThat(waiting.path("state").asString()).isEqualTo("QUEUED");
        assertThat(waiting.path("attempt").asInt()).isZero();
        assertThat(queueOf(JobRoute.of(JobKind.of("train"), "pytorch"))).as("the PyTorch queue holds its message, unconsumed")
                .satisfies(queue -> {
                    assertThat(queue.getMessageCount()).isEqualTo(1);
                    assertThat(queue.getConsumerCount()).isZero();
                });

        try (ConfigurableApplicationContext torchWorker = worker("torch-worker", "--doppel.worker.engines=pytorch",
                "--doppel.worker.kinds=train,convert")) {
            api.awaitState(onTorch, "SUCCEEDED", Duration.ofMinutes(3));
            JsonNode model = api.get("/api/v1/models/" + onTorch).json();
            assertThat(model.path("engine").asString()).isEqualTo("pytorch");
            assertThat(model.path("losses").path("reconstructionB").asDouble()).isStrictlyBetween(0.0, 2.0);
            JsonNode manifest = manifestOf(model);
            assertThat(manifest.path("architecture").asString()).isEqualTo("original");
            assertThat(manifest.path("engine").asString()).isEqualTo("pytorch");
            assertThat(manifest.path("iteration").asLong()).isEqualTo(10);
            assertThat(manifest.path("faceSets").path("A").asString()).isEqualTo(faceSetA.toString());

            for (UUID modelId : new UUID[] {onTorch, onSameDiff}) {
                UUID convert = convert(modelId, photoId);
                JsonNode job = api.awaitState(convert, "SUCCEEDED", Duration.ofMinutes(2));
                assertThat(job.path("route").asString()).isEqualTo(modelId == onTorch ? "convert.pytorch" : "convert.samediff");
                assertThat(job.path("metrics").path("facesSwapped").asInt()).isEqualTo(3);
                assertThat(job.path("result").path("files").toString()).contains("swap.jpg");
            }
            UUID clip = UUID.fromString(api.uploadOk(faceSetA, TestMedia.panZoomVideo("torch.mp4", 6)).get(0).path("id").asString());
            JsonNode video = api.awaitState(convert(onTorch, clip), "SUCCEEDED", Duration.ofMinutes(2));
            assertThat(video.path("metrics").path("framesDone").asInt()).isEqualTo(6);
            assertThat(video.path("metrics").path("facesSwapped").asInt()).isPositive();
            assertThat(video.path("result").path("files").toString()).contains("swap.mp4");
        }
    }

    @Test
    void oneWorkerRunsTwoConversionsAtOnce() throws Exception {
        UUID model = train("samediff");
        api.awaitState(model, "SUCCEEDED", Duration.ofMinutes(3));
        UUID first = UUID.fromString(api.uploadOk(faceSetA, TestMedia.panZoomVideo("first.mp4", 60)).get(0).path("id").asString());
        UUID second = UUID.fromString(api.uploadOk(faceSetA, TestMedia.panZoomVideo("second.mp4", 60)).get(0).path("id").asString());
        doppel.pauseWorker();
        try (ConfigurableApplicationContext twoAtOnce = worker("two-at-once", "--doppel.worker.kinds=convert",
                "--doppel.worker.concurrency.convert=2")) {
            UUID a = convert(model, first);
            UUID b = convert(model, second);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            boolean overlapped = false;
            while (!overlapped && System.nanoTime() < deadline) {
                JsonNode jobA = api.job(a);
                JsonNode jobB = api.job(b);
                assertThat(jobA.path("state").asString()).as("the first conversion ended before the second started").isNotEqualTo("SUCCEEDED");
                assertThat(jobB.path("state").asString()).as("the second conversion ended before the first started").isNotEqualTo("SUCCEEDED");
                overlapped = converting(jobA) && converting(jobB);
                Thread.sleep(100);
            }
            assertThat(overlapped).as("both conversions were converting frames at the same moment").isTrue();
            api.awaitState(a, "SUCCEEDED", Duration.ofMinutes(3));
            api.awaitState(b, "SUCCEEDED", Duration.ofMinutes(3));
            assertThat(twoAtOnce.getBean(FaceNetworks.class).instances()).isEqualTo(2);
        } finally {
            doppel.resumeWorker();
        }
    }

    private static boolean converting(JsonNode job) {
        return job.path("state").asString().equals("RUNNING") && job.path("metrics").path("framesDone").asInt() >= 1;
    }

    private static ConfigurableApplicationContext worker(String id, String... args) {
        String[] all = RunningDoppel.concat(RunningDoppel.FAST_LEDGER, "--doppel.worker.id=" + id);
        return new SpringApplicationBuilder(WorkerApplication.class)
                .web(WebApplicationType.NONE)
                .properties(Map.copyOf(doppel.servers.springProperties()))
                .run(RunningDoppel.concat(all, args));
    }

    private static UUID train(String engine) {
        ApiClient.Response submitted = api.post("/api/v1/jobs", Map.of("kind", "train", "parameters", Map.of("faceSetA",
                faceSetA.toString(), "faceSetB", faceSetB.toString(), "engine", engine, "widthScale", 0.125, "batchSize", 4,
                "iterations", 10, "checkpointEvery", 10)));
        assertThat(submitted.status()).as(new String(submitted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        return UUID.fromString(submitted.json().path("id").asString());
    }

    private static UUID convert(UUID modelId, UUID mediaId) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("modelId", modelId.toString());
        parameters.put("mediaId", mediaId.toString());
        parameters.put("format", "jpeg");
        ApiClient.Response submitted = api.post("/api/v1/jobs", Map.of("kind", "convert", "parameters", parameters));
        assertThat(submitted.status()).as(new String(submitted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        return UUID.fromString(submitted.json().path("id").asString());
    }

    private static AMQP.Queue.DeclareOk queueOf(JobRoute route) throws Exception {
        JobTopology topology = doppel.bean(JobTopology.class);
        try (Connection connection = doppel.servers.rabbitConnectionFactory().newConnection(); Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(topology.queueFor(route));
        }
    }

    private static JsonNode manifestOf(JsonNode model) throws Exception {
        ApiClient.Response checkpoint = api.get(model.path("links").path("checkpoint").asString());
        byte[] zip = api.fetchAbsolute(checkpoint.header("Location")).body();
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                if (entry.getName().equals("manifest.json")) {
                    return ApiClient.JSON.readTree(entries.readAllBytes());
                }
            }
        }
        throw new AssertionError("the checkpoint holds no manifest.json");
    }
}
