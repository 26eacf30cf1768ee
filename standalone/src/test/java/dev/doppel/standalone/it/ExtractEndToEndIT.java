package dev.doppel.standalone.it;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole path a user takes: a face set of real photos and a video, an extract job run by the
 * worker on the real face networks, the faces listed, sorted, pruned, and a reference picked.
 */
class ExtractEndToEndIT {

    private final RunningDoppel doppel = RunningDoppel.get();
    private final ApiClient api = doppel.api;

    @Test
    void extractFindsAlignsAndStoresTheFacesOfPhotosAndVideo() throws Exception {
        UUID faceSet = api.createFaceSet("Group");
        JsonNode media = api.uploadOk(faceSet, TestMedia.portrait("group.jpg"), TestMedia.panZoomVideo("pan.mp4", 20));
        assertThat(media).hasSize(2);
        assertThat(media.get(1).path("kind").asString()).isEqualTo("VIDEO");
        assertThat(media.get(1).path("durationMs").asLong()).isBetween(1800L, 2300L);

        ApiClient.Response submitted = api.post("/api/v1/jobs", Map.of("kind", "extract",
                "parameters", Map.of("faceSetId", faceSet.toString(), "size", 128, "framesPerSecond", 5)));
        assertThat(submitted.status()).isEqualTo(202);
        UUID jobId = UUID.fromString(submitted.json().path("id").asString());
        assertThat(submitted.header("Location")).isEqualTo("/api/v1/jobs/" + jobId);
        assertThat(submitted.header("Retry-After")).isNotBlank();

        JsonNode job = api.awaitState(jobId, "SUCCEEDED", Duration.ofSeconds(120));
        assertThat(job.path("progress").asDouble()).isEqualTo(1.0);
        assertThat(job.path("metrics").path("framesProcessed").asInt()).as("1 photo + 2 s of video at 5 fps").isBetween(10, 12);
        int kept = job.path("metrics").path("facesKept").asInt();
        assertThat(kept).isGreaterThanOrEqualTo(3 + 10);
        List<String> names = new ArrayList<>();
        job.path("result").path("files").forEach(file -> names.add(file.path("name").asString()));
        assertThat(names).containsExactly("contact-sheet.png", "alignments.json");
        assertThat(job.toString()).doesNotContain("tenants/").doesNotContain("lease");
        assertThat(job.path("previews").get(0).path("name").asString()).isEqualTo("faces.png");

        BufferedImage sheet = ImageIO.read(new ByteArrayInputStream(download(jobId, "contact-sheet.png")));
        assertThat(sheet.getWidth()).isGreaterThan(4 * 128);
        JsonNode alignments = ApiClient.JSON.readTree(download(jobId, "alignments.json"));
        assertThat(alignments.path("frames").get(0).path("faces")).hasSize(3);
        JsonNode videoFrame = alignments.path("frames").get(3);
        assertThat(videoFrame.path("timestampMillis").asLong()).isBetween(300L, 500L);
        assertThat(videoFrame.path("faces").get(0).path("landmarks")).hasSize(68);
        assertThat(videoFrame.path("faces").get(0).path("toCrop")).hasSize(6);

        JsonNode faces = api.get("/api/v1/face-sets/" + faceSet + "/faces?sort=sharpness&limit=500").json();
        assertThat(faces.path("total").asInt()).isEqualTo(kept);
        List<Double> sharpness = new ArrayList<>();
        faces.path("items").forEach(face -> sharpness.add(face.path("scores").path("blur").asDouble()));
        assertThat(sharpness).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        JsonNode first = faces.path("items").get(0);
        byte[] crop = api.fetchAbsolute(api.get(first.path("crop").asString()).header("Location")).body();
        BufferedImage cropImage = ImageIO.read(new ByteArrayInputStream(crop));
        assertThat(cropImage.getWidth()).isEqualTo(128);
        assertThat(cropImage.getHeight()).isEqualTo(128);
        assertThat(new String(crop, StandardCharsets.ISO_8859_1)).contains("digitalsourcetype/algorithmicallyEnhanced");

        assertThat(auditActions(jobId)).contains("job.submitted", "job.result-downloaded");
        try (var connection = doppel.servers.jdbc(); var statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("delete from audit_log")).hasMessageContaining("append-only");
        }
    }

    /** Photos go through the detector together, as a video's frames do: each keeps its own faces, in upload order. */
    @Test
    void photosExtractedTogetherKeepEachPhotosFaces() throws Exception {
        UUID faceSet = api.createFaceSet("Several photos");
        JsonNode media = api.uploadOk(faceSet, TestMedia.portrait("first.jpg"), TestMedia.jpeg("empty.jpg", 640, 480),
                TestMedia.portrait("second.jpg"));
        UUID jobId = api.submitExtract(faceSet);
        JsonNode job = api.awaitState(jobId, "SUCCEEDED", Duration.ofSeconds(120));

        assertThat(job.path("metrics").path("uploadsDone").asInt()).isEqualTo(3);
        assertThat(job.path("metrics").path("facesKept").asInt()).isEqualTo(6);
        JsonNode frames = ApiClient.JSON.readTree(download(jobId, "alignments.json")).path("frames");
        List<String> order = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        frames.forEach(frame -> {
            order.add(frame.path("mediaId").asString());
            counts.add(frame.path("faces").size());
        });
        assertThat(order).containsExactly(media.get(0).path("id").asString(), media.get(1).path("id").asString(),
                media.get(2).path("id").asString());
        assertThat(counts).containsExactly(3, 0, 3);
    }

    @Test
    void pickingAReferenceScoresEveryFaceAndAReExtractKeepsOnlyThatPerson() throws Exception {
        UUID faceSet = api.createFaceSet("One person of a group");
        api.uploadOk(faceSet, TestMedia.portrait("group.jpg"));
        api.awaitState(api.submitExtract(faceSet), "SUCCEEDED", Duration.ofSeconds(120));
        JsonNode faces = api.get("/api/v1/face-sets/" + faceSet + "/faces").json().path("items");
        assertThat(faces).hasSize(3);
        String reference = faces.get(0).path("id").asString();

        ApiClient.Response picked = api.put("/api/v1/face-sets/" + faceSet + "/reference", Map.of("faceId", reference));
        assertThat(picked.status()).isEqualTo(200);
        assertThat(picked.json().path("referenceFaceId").asString()).isEqualTo(reference);
        JsonNode byIdentity = api.get("/api/v1/face-sets/" + faceSet + "/faces?sort=identity").json().path("items");
        assertThat(byIdentity.get(0).path("id").asString()).isEqualTo(reference);
        assertThat(byIdentity.get(0).path("reference").asBoolean()).isTrue();
        assertThat(byIdentity.get(0).path("scores").path("identityDistance").asDouble()).isZero();
        assertThat(byIdentity.get(1).path("scores").path("identityDistance").asDouble()).isGreaterThan(0.4);

        UUID narrowed = UUID.fromString(api.post("/api/v1/jobs", Map.of("kind", "extract",
                "parameters", Map.of("faceSetId", faceSet.toString(), "maxIdentityDistance", 0.5))).json().path("id").asString());
        JsonNode job = api.awaitState(narrowed, "SUCCEEDED", Duration.ofSeconds(120));
        assertThat(job.path("metrics").path("facesKept").asInt()).isEqualTo(1);
        assertThat(job.path("metrics").path("facesDropped").path("otherPerson").asInt()).isEqualTo(2);
        JsonNode remaining = api.get("/api/v1/face-sets/" + faceSet + "/faces").json();
        assertThat(remaining.path("total").asInt()).isEqualTo(1);

        String only = remaining.path("items").get(0).path("id").asString();
        assertThat(api.delete("/api/v1/face-sets/" + faceSet + "/faces/" + only).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/face-sets/" + faceSet + "/faces").json().path("total").asInt()).isZero();
        api.get("/api/v1/face-sets/" + faceSet + "/faces/" + only + "/crop").problem(404, "face-not-found");
    }

    @Test
    void aPhotoWithoutFacesFailsTheJobInWords() throws Exception {
        UUID faceSet = api.createFaceSet("No faces");
        api.uploadOk(faceSet, TestMedia.png("landscape.png", 640, 480));
        JsonNode job = api.awaitState(api.submitExtract(faceSet), "FAILED", Duration.ofSeconds(120));
        assertThat(job.path("error").path("type").asString()).isEqualTo("/problems/jobs/no-faces-found");
        assertThat(job.path("error").path("detail").asString()).contains("No face was found");
        assertThat(job.path("result").isNull()).isTrue();
        assertThat(api.get("/api/v1/face-sets/" + faceSet + "/faces").json().path("total").asInt()).isZero();
    }

    @Test
    void theJobListPagesNewestFirstAndFilters() throws Exception {
        UUID faceSet = api.createFaceSet("Paging");
        api.uploadOk(faceSet, TestMedia.portrait("p.jpg"));
        List<UUID> submitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            submitted.add(api.submitExtract(faceSet));
        }
        for (UUID id : submitted) {
            api.awaitState(id, "SUCCEEDED", Duration.ofSeconds(120));
        }

        JsonNode first = api.get("/api/v1/jobs?kind=extract&state=SUCCEEDED&limit=2").json();
        assertThat(first.path("items")).hasSize(2);
        assertThat(first.path("items").get(0).path("id").asString()).isEqualTo(submitted.get(2).toString());
        assertThat(first.path("items").get(1).path("id").asString()).isEqualTo(submitted.get(1).toString());
        JsonNode second = api.get("/api/v1/jobs?kind=extract&state=SUCCEEDED&limit=2&cursor=" + first.path("nextCursor").asString()).json();
        assertThat(second.path("items").get(0).path("id").asString()).isEqualTo(submitted.get(0).toString());
        assertThat(api.get("/api/v1/jobs?state=FAILED&kind=convert").json().path("items")).isEmpty();
    }

    private byte[] download(UUID jobId, String name) {
        ApiClient.Response redirect = api.get("/api/v1/jobs/" + jobId + "/result/" + name);
        assertThat(redirect.status()).isEqualTo(303);
        assertThat(redirect.header("Location")).contains("X-Amz-Signature").contains("X-Amz-Expires=300");
        ApiClient.Response file = api.fetchAbsolute(redirect.header("Location"));
        assertThat(file.status()).isEqualTo(200);
        return file.body();
    }

    private List<String> auditActions(UUID jobId) throws Exception {
        List<String> actions = new ArrayList<>();
        try (var connection = doppel.servers.jdbc();
                var statement = connection.prepareStatement("select action from audit_log where subject_id = ? order by id")) {
            statement.setString(1, jobId.toString());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    actions.add(rows.getString(1));
                }
            }
        }
        return actions;
    }
}
