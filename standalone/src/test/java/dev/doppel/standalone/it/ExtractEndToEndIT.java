package dev.doppel.standalone.it;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole path a user takes: face set, uploads, extract job, worker, result by presigned URL. */
class ExtractEndToEndIT {

    private final RunningDoppel doppel = RunningDoppel.get();
    private final ApiClient api = doppel.api;

    @Test
    void uploadSubmitRunAndDownloadTheLabelledContactSheet() throws Exception {
        UUID faceSet = api.createFaceSet("Person A");
        JsonNode media = api.uploadOk(faceSet, TestMedia.jpeg("a.jpg", 640, 480), TestMedia.png("b.png", 300, 400),
                TestMedia.mp4("clip.mp4", 320, 240, 20));
        assertThat(media).hasSize(3);
        assertThat(media.get(0).path("format").asString()).isEqualTo("JPEG");
        assertThat(media.get(2).path("kind").asString()).isEqualTo("VIDEO");
        assertThat(media.get(2).path("durationMs").asLong()).isBetween(1500L, 2500L);

        ApiClient.Response submitted = api.post("/api/v1/jobs",
                java.util.Map.of("kind", "extract", "parameters", java.util.Map.of("faceSetId", faceSet.toString())));
        assertThat(submitted.status()).isEqualTo(202);
        UUID jobId = UUID.fromString(submitted.json().path("id").asString());
        assertThat(submitted.header("Location")).isEqualTo("/api/v1/jobs/" + jobId);
        assertThat(submitted.header("Retry-After")).isNotBlank();
        assertThat(submitted.json().path("state").asString()).isEqualTo("QUEUED");

        JsonNode job = api.awaitState(jobId, "SUCCEEDED", Duration.ofSeconds(60));
        assertThat(job.path("progress").asDouble()).isEqualTo(1.0);
        assertThat(job.path("attempt").asInt()).isEqualTo(1);
        assertThat(job.path("metrics").path("files").asInt()).isEqualTo(3);
        assertThat(job.path("startedAt").isNull()).isFalse();
        assertThat(job.path("finishedAt").isNull()).isFalse();
        List<String> names = new ArrayList<>();
        job.path("result").path("files").forEach(file -> names.add(file.path("name").asString()));
        assertThat(names).containsExactly("contact-sheet.png", "probe.json");
        assertThat(job.toString()).doesNotContain("tenants/").doesNotContain("lease");

        ApiClient.Response redirect = api.get("/api/v1/jobs/" + jobId + "/result/contact-sheet.png");
        assertThat(redirect.status()).isEqualTo(303);
        String presigned = redirect.header("Location");
        assertThat(presigned).contains("X-Amz-Signature").contains("X-Amz-Expires=300");
        ApiClient.Response download = api.fetchAbsolute(presigned);
        assertThat(download.status()).isEqualTo(200);
        BufferedImage sheet = ImageIO.read(new ByteArrayInputStream(download.body()));
        assertThat(sheet.getWidth()).isGreaterThan(3 * 256);
        String raw = new String(download.body(), StandardCharsets.ISO_8859_1);
        assertThat(raw).contains("http://cv.iptc.org/newscodes/digitalsourcetype/composite").contains("Doppel");

        JsonNode probe = ApiClient.JSON.readTree(api.fetchAbsolute(
                api.get("/api/v1/jobs/" + jobId + "/result/probe.json").header("Location")).body());
        assertThat(probe.path("files")).hasSize(3);
        assertThat(probe.path("files").get(2).path("frameRate").asDouble()).isEqualTo(10.0);

        assertThat(auditActions(jobId)).contains("job.submitted", "job.result-downloaded");
        try (var connection = doppel.servers.jdbc(); var statement = connection.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> statement.executeUpdate("delete from audit_log"))
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void theJobListPagesNewestFirstAndFilters() throws Exception {
        UUID faceSet = api.createFaceSet("Paging");
        api.uploadOk(faceSet, TestMedia.png("p.png", 64, 64));
        List<UUID> submitted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            submitted.add(api.submitExtract(faceSet));
        }
        for (UUID id : submitted) {
            api.awaitState(id, "SUCCEEDED", Duration.ofSeconds(60));
        }

        JsonNode first = api.get("/api/v1/jobs?kind=extract&state=SUCCEEDED&limit=2").json();
        assertThat(first.path("items")).hasSize(2);
        assertThat(first.path("items").get(0).path("id").asString()).isEqualTo(submitted.get(2).toString());
        assertThat(first.path("items").get(1).path("id").asString()).isEqualTo(submitted.get(1).toString());
        JsonNode second = api.get("/api/v1/jobs?kind=extract&state=SUCCEEDED&limit=2&cursor=" + first.path("nextCursor").asString()).json();
        assertThat(second.path("items").get(0).path("id").asString()).isEqualTo(submitted.get(0).toString());
        assertThat(api.get("/api/v1/jobs?state=FAILED&kind=convert").json().path("items")).isEmpty();
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
