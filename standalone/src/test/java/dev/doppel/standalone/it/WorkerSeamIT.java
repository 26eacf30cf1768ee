package dev.doppel.standalone.it;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobLedger;
import dev.doppel.model.jobs.JobRecord;
import dev.doppel.model.jobs.JobRoute;
import dev.doppel.model.jobs.JobState;
import dev.doppel.model.messaging.JobTopology;
import dev.doppel.worker.WorkerApplication;
import dev.doppel.worker.faces.FaceNetworks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
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
 * trains and converts on both. One worker runs two conversions at once when told to, and two
 * workers share the parts of a long video.
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

    /**
     * A long video in parts: two workers share the parts, one of them leaves in the middle of one
     * (handed back, taken by the other), and the joined video equals the same clip converted whole,
     * frame for frame in count, timestamps and sound; a cancelled one stops every part.
     */
    @Test
    void twoWorkersConvertALongVideoInPartsThatJoinIntoTheWholeConversion() throws Exception {
        UUID model = train("samediff");
        api.awaitState(model, "SUCCEEDED", Duration.ofMinutes(3));
        ApiClient.Part source = TestMedia.panZoomVideo("long.mp4", 60, 12);
        UUID clip = UUID.fromString(api.uploadOk(faceSetA, source).get(0).path("id").asString());
        JsonNode whole = api.awaitState(convert(model, clip, Map.of("crf", 0)), "SUCCEEDED", Duration.ofMinutes(3));
        assertThat(whole.path("metrics").has("parts")).as("6 s is below this worker's segment length").isFalse();

        doppel.pauseWorker();
        String[] inParts = {"--doppel.worker.kinds=convert", "--doppel.worker.convert.segment-length=1s"};
        try (ConfigurableApplicationContext first = worker("parts-1", inParts)) {
            UUID parted;
            try (ConfigurableApplicationContext second = worker("parts-2", inParts)) {
                parted = convert(model, clip, Map.of("crf", 0));
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (!(partsFinished(second) >= 1 && partsRunning(second) >= 1)) {
                    assertThat(api.job(parted).path("state").asString()).as("the second worker finished a part and began another "
                            + "before the video was done").isIn("QUEUED", "RUNNING");
                    assertThat(System.nanoTime()).as("the second worker takes parts").isLessThan(deadline);
                    Thread.sleep(50);
                }
            }
            JsonNode job = api.awaitState(parted, "SUCCEEDED", Duration.ofMinutes(3));
            assertThat(partsFinished(first)).as("parts the first worker converted").isPositive();
            // Keyframes every 1.2 s in a 6 s clip: parts from 0, 1.2, 2.4, 3.6 and 4.8 s.
            assertThat(job.path("metrics").path("parts").asInt()).isEqualTo(5);
            assertThat(job.path("metrics").path("framesDone").asInt()).isEqualTo(60);
            assertThat(job.path("metrics").path("facesSwapped").asInt()).isPositive();
            assertThat(job.path("metrics").path("audio").asString()).isEqualTo("copied aac");
            assertThat(job.path("previews").toString()).contains("swap.png");
            List<JobRecord> parts = doppel.bean(JobLedger.class).parts(parted);
            assertThat(parts).hasSize(5).allSatisfy(part -> {
                assertThat(part.state()).isEqualTo(JobState.SUCCEEDED);
                assertThat(part.dataDeletedAt()).as("a part's outputs are let go once joined").isNotNull();
            });
            assertThat(api.get("/api/v1/jobs").json().path("items").toString()).contains(parted.toString())
                    .doesNotContain(parts.get(0).id().toString());
            assertSameVideo(api.result(whole, "swap.mp4"), api.result(job, "swap.mp4"), source.bytes());

            UUID cancelled = convert(model, clip, Map.of());
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (api.job(cancelled).path("metrics").path("framesDone").asInt() < 2) {
                assertThat(System.nanoTime()).as("the parts get going").isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(api.postEmpty("/api/v1/jobs/" + cancelled + "/cancel").status()).isEqualTo(202);
            api.awaitState(cancelled, "CANCELLED", Duration.ofMinutes(1));
            long stopDeadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (doppel.bean(JobLedger.class).parts(cancelled).stream()
                    .anyMatch(part -> part.state() == JobState.QUEUED || part.state() == JobState.RUNNING)) {
                assertThat(System.nanoTime()).as("every part of a cancelled video stops").isLessThan(stopDeadline);
                Thread.sleep(100);
            }
            List<JobRecord> stopped = doppel.bean(JobLedger.class).parts(cancelled);
            assertThat(stopped).extracting(JobRecord::state).as("parts not done by then are cancelled").contains(JobState.CANCELLED);
            assertThat(stopped).filteredOn(part -> part.state() == JobState.SUCCEEDED)
                    .allSatisfy(part -> assertThat(part.dataDeletedAt()).as("a part finished before the cancel is let go").isNotNull());
            assertThat(api.job(cancelled).path("result").path("files").size()).isZero();
        } finally {
            doppel.resumeWorker();
        }
    }

    private static double partsFinished(ConfigurableApplicationContext worker) {
        return worker.getBean(MeterRegistry.class).find("doppel.jobs.finished").tag("kind", "convert-part").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private static double partsRunning(ConfigurableApplicationContext worker) {
        Gauge inFlight = worker.getBean(MeterRegistry.class).find("doppel.jobs.in.flight").tag("kind", "convert-part").gauge();
        return inFlight == null ? 0 : inFlight.value();
    }

    /** Same frames in number and time, same sound, and pictures alike (lossless, so only the parts' cuts may differ). */
    private static void assertSameVideo(byte[] whole, byte[] parted, byte[] original) throws Exception {
        Path wholeFile = Files.createTempFile("doppel-whole-", ".mp4");
        Path partedFile = Files.createTempFile("doppel-parted-", ".mp4");
        Path originalFile = Files.createTempFile("doppel-original-", ".mp4");
        try {
            Files.write(wholeFile, whole);
            Files.write(partedFile, parted);
            Files.write(originalFile, original);
            try (FFmpegFrameGrabber a = new FFmpegFrameGrabber(wholeFile.toFile()); FFmpegFrameGrabber b = new FFmpegFrameGrabber(partedFile.toFile());
                    Java2DFrameConverter toA = new Java2DFrameConverter(); Java2DFrameConverter toB = new Java2DFrameConverter()) {
                a.start();
                b.start();
                assertThat(String.join(" ", b.getMetadata().values())).contains("compositeWithTrainedAlgorithmicMedia");
                int frames = 0;
                double worst = 0;
                for (Frame x = a.grabImage(); x != null; x = a.grabImage()) {
                    Frame y = b.grabImage();
                    assertThat(y).as("frame " + frames + " of the parted video").isNotNull();
                    assertThat(y.timestamp).as("timestamp of frame " + frames).isEqualTo(x.timestamp);
                    worst = Math.max(worst, meanDifference(toA.convert(x), toB.convert(y)));
                    frames++;
                }
                assertThat(b.grabImage()).as("no frame beyond the whole video's").isNull();
                assertThat(frames).isEqualTo(60);
                assertThat(worst).as("worst mean difference of a frame, in grey levels").isLessThan(2.0);
            }
            assertThat(TestMedia.audioSamples(partedFile)).isEqualTo(TestMedia.audioSamples(wholeFile)).isEqualTo(TestMedia.audioSamples(originalFile));
        } finally {
            Files.deleteIfExists(wholeFile);
            Files.deleteIfExists(partedFile);
            Files.deleteIfExists(originalFile);
        }
    }

    private static double meanDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs((p >> shift & 0xff) - (q >> shift & 0xff));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
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
        return convert(modelId, mediaId, Map.of());
    }

    private static UUID convert(UUID modelId, UUID mediaId, Map<String, Object> options) {
        Map<String, Object> parameters = new HashMap<>(options);
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
