package dev.doppel.standalone.it;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.doppel.model.storage.ObjectStore;
import dev.doppel.model.storage.StorageKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reenactment family and its job kind through the API: a (tiny) pix2pix learns the target's
 * face set, and a reenact job drives it with a video of someone else into the target's photo.
 * Whether the mouth follows is the pipeline's ReenactmentTest's to show; here every part must be
 * in place, and every bad input refused with a reason.
 */
class ReenactEndToEndIT {

    private static final int DRIVER_FRAMES = 8;

    private final RunningDoppel doppel = RunningDoppel.get();
    private final ApiClient api = doppel.api;

    @Test
    void aPix2PixModelLearnsTheTargetAndAReenactJobDrivesItWithAnotherVideo() throws Exception {
        UUID person = api.createFaceSet("Reenacted person");
        UUID photo = UUID.fromString(api.uploadOk(person, TestMedia.portrait("person.jpg")).get(0).path("id").asString());
        api.awaitState(api.submitExtract(person), "SUCCEEDED", Duration.ofMinutes(2));
        UUID drivers = api.createFaceSet("Driver");
        UUID driving = UUID.fromString(api.uploadOk(drivers, TestMedia.panZoomVideo("driver.mp4", DRIVER_FRAMES)).get(0).path("id").asString());

        ApiClient.Response submitted = api.post("/api/v1/jobs", Map.of("kind", "train", "parameters", Map.of("architecture", "pix2pix",
                "faceSetTarget", person.toString(), "resolution", 64, "widthScale", 0.0625, "batchSize", 2, "iterations", 4,
                "checkpointEvery", 2)));
        assertThat(submitted.status()).as(new String(submitted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        assertThat(submitted.json().path("route").asString()).isEqualTo("train.samediff");
        UUID modelId = UUID.fromString(submitted.json().path("id").asString());
        api.awaitState(modelId, "SUCCEEDED", Duration.ofMinutes(4));
        JsonNode model = api.get("/api/v1/models/" + modelId).json();
        assertThat(model.path("architecture").asString()).isEqualTo("pix2pix");
        assertThat(model.path("faceSets").path("Target").asString()).isEqualTo(person.toString());
        JsonNode history = api.get("/api/v1/models/" + modelId + "/losses").json();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("losses").propertyNames()).containsExactly("adversarial", "l1", "discriminator");
        byte[] preview = api.fetchAbsolute(api.get(model.path("links").path("preview").asString()).header("Location")).body();
        assertThat(ImageIO.read(new ByteArrayInputStream(preview)).getWidth()).as("sketch, drawn, real").isEqualTo(3 * 64);

        JsonNode job = api.awaitState(reenact(modelId, driving, photo, Map.of()), "SUCCEEDED", Duration.ofMinutes(3));
        JsonNode metrics = job.path("metrics");
        assertThat(metrics.path("framesDone").asInt()).isEqualTo(DRIVER_FRAMES);
        assertThat(metrics.path("framesDriven").asInt()).isPositive();
        assertThat(metrics.path("audio").asString()).isEqualTo("copied aac");
        assertThat(metrics.has("meanIdentityDistance")).isTrue();
        assertThat(job.path("previews").toString()).contains("reenact.png");
        assertThat(new String(api.result(job, "report.json"), StandardCharsets.UTF_8)).contains("\"frameReports\"").contains("\"outputMouth\"");
        Path video = Files.createTempFile("doppel-reenact-", ".mp4");
        try {
            Files.write(video, api.result(job, "reenact.mp4"));
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
                grabber.start();
                assertThat(grabber.getImageWidth()).as("the target photo's framing").isEqualTo(960);
                assertThat(grabber.getFrameRate()).as("the driver's rate").isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.01));
                assertThat(grabber.getAudioChannels()).as("the driver's sound").isEqualTo(1);
                assertThat(String.join(" ", grabber.getMetadata().values())).contains("compositeWithTrainedAlgorithmicMedia");
                int frames = 0;
                for (Frame frame = grabber.grabImage(); frame != null; frame = grabber.grabImage()) {
                    frames++;
                }
                assertThat(frames).isEqualTo(DRIVER_FRAMES);
            }
            JsonNode silent = api.awaitState(reenact(modelId, driving, photo, Map.of("sound", "none")), "SUCCEEDED", Duration.ofMinutes(3));
            assertThat(silent.path("metrics").path("audio").asString()).isEqualTo("none");
            Files.write(video, api.result(silent, "reenact.mp4"));
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
                grabber.start();
                assertThat(grabber.hasAudio()).isFalse();
            }
        } finally {
            Files.deleteIfExists(video);
        }

        badInputs(modelId, person, photo, driving);
    }

    private void badInputs(UUID pix2pix, UUID person, UUID photo, UUID driving) throws Exception {
        UUID faceless = UUID.fromString(api.uploadOk(person, TestMedia.oddSizedMov("faceless.mov")).get(0).path("id").asString());
        UUID noFace = reenact(pix2pix, faceless, photo, Map.of());
        JsonNode failed = api.awaitState(noFace, "FAILED", Duration.ofMinutes(2));
        assertThat(failed.path("error").path("type").asString()).endsWith("/no-faces-found");
        assertThat(failed.path("error").path("detail").asString()).isEqualTo("No face was found in the driving video.");
        assertThat(doppel.bean(ObjectStore.class).list(StorageKeys.jobAttemptPrefix(doppel.tenantId, noFace, 1))).isEmpty();
        assertThat(api.job(noFace).path("result").path("files").size()).isZero();

        assertThat(submit(pix2pix, photo, photo, Map.of()).problem(422, "invalid-job-parameters").path("detail").asString())
                .contains("must be two different uploads");
        UUID otherPhoto = UUID.fromString(api.uploadOk(person, TestMedia.portrait("again.jpg")).get(0).path("id").asString());
        assertThat(submit(pix2pix, otherPhoto, photo, Map.of()).problem(422, "invalid-job-parameters").path("detail").asString())
                .contains("the driver must be a video");
        assertThat(submit(pix2pix, driving, photo, Map.of("neutralFrame", -1)).problem(422, "invalid-job-parameters").path("detail")
                .asString()).contains("'neutralFrame' must be a whole number between 0");
        assertThat(submit(pix2pix, driving, photo, Map.of("sound", "loud")).problem(422, "invalid-job-parameters").path("detail")
                .asString()).contains("[driver, none]");
        assertThat(api.post("/api/v1/jobs", Map.of("kind", "convert", "parameters", Map.of("modelId", pix2pix.toString(),
                "mediaId", photo.toString()))).problem(422, "invalid-job-parameters").path("detail").asString())
                .contains("is of architecture 'pix2pix', whose models reenact jobs take; a convert job takes a model of architecture");

        UUID other = api.createFaceSet("Reenact other");
        api.uploadOk(other, new ApiClient.Part("file", "b.jpg", "image/jpeg", TestMedia.sampleJpeg(3, 960)));
        api.awaitState(api.submitExtract(other), "SUCCEEDED", Duration.ofMinutes(2));
        ApiClient.Response swap = api.post("/api/v1/jobs", Map.of("kind", "train", "parameters", Map.of("faceSetA", person.toString(),
                "faceSetB", other.toString(), "widthScale", 0.0625, "batchSize", 1, "iterations", 1, "checkpointEvery", 1)));
        UUID original = UUID.fromString(swap.json().path("id").asString());
        api.awaitState(original, "SUCCEEDED", Duration.ofMinutes(3));
        assertThat(submit(original, driving, photo, Map.of()).problem(422, "invalid-job-parameters").path("detail").asString())
                .isEqualTo("Model " + original + " is of architecture 'original', whose models convert jobs take; a reenact job takes a"
                        + " model of architecture pix2pix or pix2pixhd.");
    }

    private UUID reenact(UUID modelId, UUID driving, UUID target, Map<String, Object> extra) {
        ApiClient.Response submitted = submit(modelId, driving, target, extra);
        assertThat(submitted.status()).as(new String(submitted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        assertThat(submitted.json().path("route").asString()).isEqualTo("reenact.samediff");
        return UUID.fromString(submitted.json().path("id").asString());
    }

    private ApiClient.Response submit(UUID modelId, UUID driving, UUID target, Map<String, Object> extra) {
        Map<String, Object> parameters = new HashMap<>(extra);
        parameters.put("modelId", modelId.toString());
        parameters.put("drivingMediaId", driving.toString());
        parameters.put("targetMediaId", target.toString());
        return api.post("/api/v1/jobs", Map.of("kind", "reenact", "parameters", parameters));
    }

}
