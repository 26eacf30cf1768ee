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

import dev.doppel.model.storage.ObjectStore;
import dev.doppel.model.storage.StorageKeys;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conversion as a user meets it: extract two face sets, train a (tiny) model, then swap a photo
 * and a video through the API and download labelled results with a quality report. Whether the
 * swaps look like B is ConversionTest's to show (pipeline); here every part must be in place.
 */
class ConvertEndToEndIT {

    private static final RunningDoppel doppel = RunningDoppel.get();
    private static final ApiClient api = doppel.api;
    private static UUID faceSetA;
    private static UUID modelId;
    private static UUID photoId;

    @BeforeAll
    static void trainAModel() throws Exception {
        TwoPeople people = TwoPeople.extracted(api, "Convert");
        faceSetA = people.faceSetA();
        photoId = people.photo();
        UUID faceSetB = people.faceSetB();
        ApiClient.Response train = api.post("/api/v1/jobs", Map.of("kind", "train", "parameters", Map.of("faceSetA", faceSetA.toString(),
                "faceSetB", faceSetB.toString(), "widthScale", 0.125, "batchSize", 4, "iterations", 10, "checkpointEvery", 10)));
        assertThat(train.status()).isEqualTo(202);
        modelId = UUID.fromString(train.json().path("id").asString());
        api.awaitState(modelId, "SUCCEEDED", Duration.ofMinutes(3));
    }

    @Test
    void aPhotoComesBackSwappedLabelledAndMeasured() throws Exception {
        JsonNode job = api.awaitState(submit(photoId, Map.of("format", "jpeg", "watermark", true)), "SUCCEEDED", Duration.ofMinutes(2));

        assertThat(job.path("metrics").path("facesSwapped").asInt()).isEqualTo(3);
        assertThat(job.path("metrics").path("facesMeasured").asInt()).isEqualTo(3);
        assertThat(job.path("metrics").path("meanDistanceToTarget").asDouble()).isPositive();
        assertThat(job.path("metrics").path("meanLandmarkDrift").isNumber()).isTrue();
        assertThat(job.path("metrics").path("millisPerFrame").has("swap")).isTrue();
        byte[] swapped = api.result(job, "swap.jpg");
        var image = ImageIO.read(new ByteArrayInputStream(swapped));
        assertThat(image.getWidth()).isEqualTo(960);
        assertThat(new String(swapped, StandardCharsets.ISO_8859_1)).contains("digitalsourcetype/compositeWithTrainedAlgorithmicMedia");
        assertThat(new String(api.result(job, "report.json"), StandardCharsets.UTF_8)).contains("\"distanceToTarget\"").contains("\"landmarkDrift\"");
        assertThat(job.path("previews").toString()).contains("swap.png");
    }

    @Test
    void aVideoKeepsItsFramesAndSoundAndSaysItIsAiMade() throws Exception {
        ApiClient.Part source = TestMedia.panZoomVideo("clip.mp4", 12);
        UUID clip = UUID.fromString(api.uploadOk(faceSetA, source).get(0).path("id").asString());
        JsonNode job = api.awaitState(submit(clip, Map.of("crf", 20, "detectEvery", 1)), "SUCCEEDED", Duration.ofMinutes(3));
        assertThat(job.path("metrics").path("framesDone").asInt()).isEqualTo(12);
        assertThat(job.path("metrics").path("framesDetected").asInt()).as("detectEvery 1: the detector on every frame").isEqualTo(12);
        assertThat(job.path("metrics").path("framesPerSecond").asDouble()).isPositive();
        assertThat(job.path("metrics").path("facesSwapped").asInt()).isPositive();
        assertThat(job.path("metrics").path("audio").asString()).isEqualTo("copied aac");

        Path original = Files.createTempFile("doppel-clip-", ".mp4");
        Path video = Files.createTempFile("doppel-swap-", ".mp4");
        try {
            Files.write(original, source.bytes());
            Files.write(video, api.result(job, "swap.mp4"));
            assertThat(TestMedia.audioSamples(video)).as("audio samples, within one AAC frame").isCloseTo(TestMedia.audioSamples(original),
                    org.assertj.core.data.Offset.offset(1024L));
            try (FFmpegFrameGrabber before = new FFmpegFrameGrabber(original.toFile())) {
                before.start();
                long sourceDuration = before.getLengthInTime();
                try (FFmpegFrameGrabber after = new FFmpegFrameGrabber(video.toFile())) {
                    after.start();
                    assertThat(after.getLengthInTime()).as("duration, within a frame").isCloseTo(sourceDuration,
                            org.assertj.core.data.Offset.offset(100_000L));
                }
            }
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
                grabber.start();
                assertThat(grabber.getImageWidth()).isEqualTo(640);
                assertThat(grabber.getImageHeight()).isEqualTo(360);
                assertThat(grabber.getFrameRate()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.01));
                assertThat(grabber.getAudioChannels()).isEqualTo(1);
                assertThat(String.join(" ", grabber.getMetadata().values())).contains("compositeWithTrainedAlgorithmicMedia");
                int frames = 0;
                for (Frame frame = grabber.grabImage(); frame != null; frame = grabber.grabImage()) {
                    frames++;
                }
                assertThat(frames).isEqualTo(12);
            }
        } finally {
            Files.deleteIfExists(original);
            Files.deleteIfExists(video);
        }
    }


    @Test
    void badInputsFailWithAReasonAndLeaveNoResult() throws Exception {
        UUID blank = UUID.fromString(api.uploadOk(faceSetA, TestMedia.jpeg("blank.jpg", 320, 240)).get(0).path("id").asString());
        UUID noFaces = submit(blank, Map.of());
        JsonNode failed = api.awaitState(noFaces, "FAILED", Duration.ofMinutes(2));
        assertThat(failed.path("error").path("type").asString()).endsWith("/no-faces-found");
        assertThat(failed.path("error").path("detail").asString()).contains("No face");
        assertNothingStored(noFaces);

        // An upload damaged in storage after it was accepted: the worker probes again and refuses it.
        UUID damaged = UUID.fromString(api.uploadOk(faceSetA, TestMedia.portrait("damaged.jpg")).get(0).path("id").asString());
        String key = doppel.bean(JdbcClient.class).sql("select object_key from media where id = :id").param("id", damaged)
                .query(String.class).single();
        doppel.bean(ObjectStore.class).put(key, "this is not a picture any more".getBytes(StandardCharsets.UTF_8), "image/jpeg");
        UUID corrupt = submit(damaged, Map.of());
        JsonNode refused = api.awaitState(corrupt, "FAILED", Duration.ofMinutes(2));
        assertThat(refused.path("error").path("type").asString()).endsWith("/media-unreadable");
        assertNothingStored(corrupt);

        // A video whose only stream is sound (as if its picture used a codec we cannot read): refused the same way.
        UUID silentFilm = UUID.fromString(api.uploadOk(faceSetA, TestMedia.panZoomVideo("clip.mp4", 4)).get(0).path("id").asString());
        String videoKey = doppel.bean(JdbcClient.class).sql("select object_key from media where id = :id").param("id", silentFilm)
                .query(String.class).single();
        doppel.bean(ObjectStore.class).put(videoKey, TestMedia.soundOnlyMp4(), "video/mp4");
        UUID noPicture = submit(silentFilm, Map.of());
        JsonNode unreadable = api.awaitState(noPicture, "FAILED", Duration.ofMinutes(2));
        assertThat(unreadable.path("error").path("type").asString()).endsWith("/media-unreadable");
        assertThat(unreadable.path("error").path("detail").asString()).contains("video stream");
        assertNothingStored(noPicture);

        api.post("/api/v1/jobs", Map.of("kind", "convert", "parameters", Map.of("modelId", modelId.toString(),
                "mediaId", blank.toString(), "colourMatch", "sepia"))).problem(422, "invalid-job-parameters");
        JsonNode odd = api.uploadOk(faceSetA, TestMedia.oddSizedMov("odd.mov")).get(0);
        assertThat(odd.path("height").asInt()).isEqualTo(241);
        ApiClient.Response refusedOdd = api.post("/api/v1/jobs", Map.of("kind", "convert", "parameters", Map.of("modelId",
                modelId.toString(), "mediaId", odd.path("id").asString())));
        assertThat(refusedOdd.problem(422, "invalid-job-parameters").path("detail").asString()).contains("even width and height");
    }

    @Test
    void aVideoCancelledMidwayLeavesNoResult() throws Exception {
        UUID clip = UUID.fromString(api.uploadOk(faceSetA, TestMedia.panZoomVideo("long.mp4", 120)).get(0).path("id").asString());
        UUID jobId = submit(clip, Map.of());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (api.job(jobId).path("metrics").path("framesDone").asInt() < 3) {
            assertThat(System.nanoTime()).as("the conversion gets going").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(api.postEmpty("/api/v1/jobs/" + jobId + "/cancel").status()).isEqualTo(202);
        JsonNode cancelled = api.awaitState(jobId, "CANCELLED", Duration.ofMinutes(1));
        assertThat(cancelled.path("metrics").path("framesDone").asInt()).isLessThan(120);
        assertNothingStored(jobId);
    }

    private static UUID submit(UUID mediaId, Map<String, Object> options) {
        Map<String, Object> parameters = new HashMap<>(options);
        parameters.put("modelId", modelId.toString());
        parameters.put("mediaId", mediaId.toString());
        ApiClient.Response submitted = api.post("/api/v1/jobs", Map.of("kind", "convert", "parameters", parameters));
        assertThat(submitted.status()).as(new String(submitted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        return UUID.fromString(submitted.json().path("id").asString());
    }


    private static void assertNothingStored(UUID jobId) {
        assertThat(doppel.bean(ObjectStore.class).list(StorageKeys.jobAttemptPrefix(doppel.tenantId, jobId, 1))).isEmpty();
        assertThat(api.job(jobId).path("result").path("files").size()).isZero();
    }
}
