package dev.doppel.standalone.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.doppel.model.storage.ObjectStore;
import dev.doppel.model.storage.StorageKeys;

/**
 * Animating a photo through the API: the warp moves a photo with a video of someone else, no model
 * needed; a (tiny) first-order motion model learns from that video's face set, and an animate job
 * runs with it. Whether the mouth follows is the pipeline's PhotoAnimationTest's to show; here every
 * part must be in place, and every bad input refused with a reason.
 */
class AnimateEndToEndIT {

    /** Enough frames, every one extracted, for the motion family to hold two out of the clip. */
    private static final int DRIVER_FRAMES = 20;

    private final RunningDoppel doppel = RunningDoppel.get();
    private final ApiClient api = doppel.api;

    @Test
    void aPhotoMovesWithADrivingVideoByTheWarpAndByAMotionModelLearnedFromVideos() throws Exception {
        UUID person = api.createFaceSet("Animated person");
        UUID photo = UUID.fromString(api.uploadOk(person, TestMedia.portrait("person.jpg")).get(0).path("id").asString());
        UUID drivers = api.createFaceSet("Animating driver");
        UUID driving = UUID.fromString(api.uploadOk(drivers, TestMedia.panZoomVideo("driver.mp4", DRIVER_FRAMES)).get(0).path("id").asString());

        JsonNode warped = api.awaitState(animate(Map.of("photoMediaId", photo.toString(), "drivingMediaId", driving.toString()), "animate"),
                "SUCCEEDED", Duration.ofMinutes(3));
        JsonNode metrics = warped.path("metrics");
        assertThat(metrics.path("method").asString()).isEqualTo("warp");
        assertThat(metrics.path("framesDone").asInt()).isEqualTo(DRIVER_FRAMES);
        assertThat(metrics.path("framesDriven").asInt()).isPositive();
        assertThat(metrics.path("audio").asString()).isEqualTo("copied aac");
        assertThat(metrics.path("meanIdentityDistance").asDouble()).as("still the photo's person").isLessThan(0.6);
        assertThat(warped.path("previews").toString()).contains("animate.png");
        assertThat(new String(api.result(warped, "report.json"), StandardCharsets.UTF_8)).contains("\"frameReports\"").contains("\"outputMouth\"");
        assertVideo(api.result(warped, "animate.mp4"), true);

        ApiClient.Response extract = api.post("/api/v1/jobs", Map.of("kind", "extract", "parameters", Map.of("faceSetId", drivers.toString(),
                "everyNthFrame", 1)));
        api.awaitState(UUID.fromString(extract.json().path("id").asString()), "SUCCEEDED", Duration.ofMinutes(3));
        ApiClient.Response training = api.post("/api/v1/jobs", Map.of("kind", "train", "parameters", Map.of("architecture", "fomm",
                "faceSetVideos", drivers.toString(), "resolution", 64, "widthScale", 0.25, "batchSize", 2, "iterations", 2,
                "checkpointEvery", 2)));
        assertThat(training.status()).as(new String(training.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        UUID modelId = UUID.fromString(training.json().path("id").asString());
        JsonNode trainedJob = api.awaitState(modelId, "SUCCEEDED", Duration.ofMinutes(4));
        assertThat(trainedJob.path("metrics").path("validation").has("heldOutL1")).as("held-out frames scored at the checkpoint")
                .isTrue();
        JsonNode model = api.get("/api/v1/models/" + modelId).json();
        assertThat(model.path("architecture").asString()).isEqualTo("fomm");
        assertThat(model.path("faceSets").path("Videos").asString()).isEqualTo(drivers.toString());
        JsonNode history = api.get("/api/v1/models/" + modelId + "/losses").json();
        assertThat(history.get(0).path("losses").propertyNames()).containsExactly("reconstruction", "equivarianceValue", "equivarianceJacobian");

        JsonNode learned = api.awaitState(animate(Map.of("photoMediaId", photo.toString(), "drivingMediaId", driving.toString(),
                "modelId", modelId.toString(), "sound", "none"), "animate.samediff"), "SUCCEEDED", Duration.ofMinutes(3));
        assertThat(learned.path("metrics").path("method").asString()).isEqualTo("model");
        assertThat(learned.path("metrics").path("modelIteration").asInt()).isEqualTo(2);
        assertThat(learned.path("metrics").path("framesDone").asInt()).isEqualTo(DRIVER_FRAMES);
        assertVideo(api.result(learned, "animate.mp4"), false);

        badInputs(person, photo, driving, modelId);
    }

    private void badInputs(UUID person, UUID photo, UUID driving, UUID motionModel) throws Exception {
        UUID faceless = UUID.fromString(api.uploadOk(person, TestMedia.oddSizedMov("faceless.mov")).get(0).path("id").asString());
        UUID noFace = animate(Map.of("photoMediaId", photo.toString(), "drivingMediaId", faceless.toString()), "animate");
        JsonNode failed = api.awaitState(noFace, "FAILED", Duration.ofMinutes(2));
        assertThat(failed.path("error").path("type").asString()).endsWith("/no-faces-found");
        assertThat(failed.path("error").path("detail").asString()).isEqualTo("No face was found in the driving video.");
        assertThat(doppel.bean(ObjectStore.class).list(StorageKeys.jobAttemptPrefix(doppel.tenantId, noFace, 1))).isEmpty();
        assertThat(api.job(noFace).path("result").path("files").size()).isZero();
        JsonNode noSuchFace = api.awaitState(animate(Map.of("photoMediaId", photo.toString(), "drivingMediaId", driving.toString(),
                "faceIndex", 5), "animate"), "FAILED", Duration.ofMinutes(2));
        assertThat(noSuchFace.path("error").path("detail").asString()).isEqualTo(
                "The photo has 3 faces, so it has no face 5; faceIndex counts from 0 at the left, up to 2.");

        assertThat(submit(Map.of("photoMediaId", driving.toString(), "drivingMediaId", faceless.toString())).problem(422, "invalid-job-parameters")
                .path("detail").asString()).contains("the face that moves comes from a photo");
        UUID otherPhoto = UUID.fromString(api.uploadOk(person, TestMedia.portrait("again.jpg")).get(0).path("id").asString());
        assertThat(submit(Map.of("photoMediaId", photo.toString(), "drivingMediaId", otherPhoto.toString())).problem(422, "invalid-job-parameters")
                .path("detail").asString()).contains("the driver must be a video");
        assertThat(submit(Map.of("photoMediaId", photo.toString(), "drivingMediaId", driving.toString(), "method", "model"))
                .problem(422, "invalid-job-parameters").path("detail").asString()).contains("'modelId' is required with method 'model'");
        assertThat(submit(Map.of("photoMediaId", photo.toString(), "drivingMediaId", driving.toString(), "modelId", UUID.randomUUID().toString()))
                .status()).isIn(404, 422);
        assertThat(api.post("/api/v1/jobs", Map.of("kind", "convert", "parameters", Map.of("modelId", motionModel.toString(),
                "mediaId", photo.toString()))).problem(422, "invalid-job-parameters").path("detail").asString())
                .contains("is of architecture 'fomm', whose models animate jobs take; a convert job takes a model of architecture");

        api.awaitState(api.submitExtract(person), "SUCCEEDED", Duration.ofMinutes(2));
        ApiClient.Response photos = api.post("/api/v1/jobs", Map.of("kind", "train", "parameters", Map.of("architecture", "fomm",
                "faceSetVideos", person.toString(), "resolution", 64, "widthScale", 0.25, "batchSize", 2, "iterations", 2)));
        assertThat(photos.status()).as(new String(photos.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        JsonNode photosOnly = api.awaitState(UUID.fromString(photos.json().path("id").asString()), "FAILED", Duration.ofMinutes(2));
        assertThat(photosOnly.path("error").path("detail").asString()).as("the photo's three faces are three people, not a clip")
                .contains("no clip with two or more faces");
    }

    private void assertVideo(byte[] bytes, boolean sound) throws Exception {
        Path video = Files.createTempFile("doppel-animate-", ".mp4");
        try {
            Files.write(video, bytes);
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
                grabber.start();
                assertThat(grabber.getImageWidth()).as("the photo's framing").isEqualTo(960);
                assertThat(grabber.getFrameRate()).as("the driver's rate").isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.01));
                assertThat(grabber.hasAudio()).as("the driver's sound, or none").isEqualTo(sound);
                assertThat(String.join(" ", grabber.getMetadata().values())).contains("compositeWithTrainedAlgorithmicMedia");
                int frames = 0;
                for (Frame frame = grabber.grabImage(); frame != null; frame = grabber.grabImage()) {
                    frames++;
                }
                assertThat(frames).isEqualTo(DRIVER_FRAMES);
            }
        } finally {
            Files.deleteIfExists(video);
        }
    }

    private UUID animate(Map<String, Object> parameters, String route) {
        ApiClient.Response submitted = submit(parameters);
        assertThat(submitted.status()).as(new String(submitted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        assertThat(submitted.json().path("route").asString()).isEqualTo(route);
        return UUID.fromString(submitted.json().path("id").asString());
    }

    private ApiClient.Response submit(Map<String, Object> parameters) {
        return api.post("/api/v1/jobs", Map.of("kind", "animate", "parameters", new HashMap<>(parameters)));
    }

}
