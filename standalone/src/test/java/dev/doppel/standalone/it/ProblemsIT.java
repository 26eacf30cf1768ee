package dev.doppel.standalone.it;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.doppel.api.tenancy.ApiKeys;
import dev.doppel.model.storage.ObjectStore;
import dev.doppel.model.storage.StorageKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every failure a client can cause answers with its own problem type, and a rejected upload stores nothing. */
class ProblemsIT {

    private final RunningDoppel doppel = RunningDoppel.get();
    private final ApiClient api = doppel.api;

    @Test
    void requestsWithoutAValidKeyAreUnauthenticated() {
        api.withKey("").get("/api/v1/jobs").problem(401, "unauthenticated");
        api.withKey("dk_not-a-real-key").get("/api/v1/jobs").problem(401, "unauthenticated");
    }

    @Test
    void uploadsAreJudgedByTheirContentAndARejectedBatchStoresNothing() throws Exception {
        UUID faceSet = api.createFaceSet("Uploads");
        String path = "/api/v1/face-sets/" + faceSet + "/media";

        api.upload(path, List.of(TestMedia.textPretendingToBeJpeg())).problem(415, "upload-unsupported-type");
        api.upload(path, List.of(TestMedia.pixelBomb())).problem(413, "upload-too-large");
        api.upload(path, List.of(TestMedia.truncatedJpeg())).problem(422, "upload-unreadable");
        api.upload(path, List.of(TestMedia.png("good.png", 64, 64), TestMedia.truncatedJpeg())).problem(422, "upload-unreadable");

        assertThat(api.get("/api/v1/face-sets/" + faceSet).json().path("media")).isEmpty();
        assertThat(doppel.bean(ObjectStore.class).list(StorageKeys.tenantPrefix(doppel.tenantId) + "facesets/" + faceSet + "/")).isEmpty();
    }

    @Test
    void invalidRequestsAreRefusedWithTheirOwnTypes() throws Exception {
        api.post("/api/v1/face-sets", Map.of("name", "No consent")).problem(400, "invalid-request");
        api.post("/api/v1/face-sets", Map.of("name", "Refused", "consent",
                Map.of("attestedBy", "Someone", "allPicturedPeopleConsented", false))).problem(400, "invalid-request");
        api.post("/api/v1/face-sets", "{not json").problem(400, "invalid-request");
        api.get("/api/v1/face-sets/" + UUID.randomUUID()).problem(404, "face-set-not-found");
        api.get("/api/v1/face-sets/not-a-uuid").problem(400, "invalid-request");

        UUID empty = api.createFaceSet("Empty");
        assertThat(api.post("/api/v1/jobs", Map.of("kind", "sharpen", "parameters", Map.of())).problem(422, "invalid-job-kind")
                .path("detail").asString()).isEqualTo("Job kind must be one of animate, convert, extract, reenact, train.");
        UUID other = api.createFaceSet("Other");
        assertThat(api.post("/api/v1/jobs", Map.of("kind", "train", "parameters", Map.of("faceSetA", empty.toString(),
                "faceSetB", other.toString(), "architecture", "original-torch"))).problem(422, "invalid-job-parameters")
                .path("detail").asString()).isEqualTo("Parameter 'architecture' must be one of cyclegan, fomm, original, pix2pix, pix2pixhd, saehd, not 'original-torch'.");
        assertThat(api.post("/api/v1/jobs", Map.of("kind", "train", "parameters", Map.of("faceSetA", empty.toString(),
                "faceSetB", other.toString(), "engine", "tensorflow"))).problem(422, "invalid-job-parameters")
                .path("detail").asString()).isEqualTo("Parameter 'engine' must be one of samediff, pytorch for architecture 'original', "
                        + "not 'tensorflow'.");
        assertThat(api.post("/api/v1/jobs", Map.of("kind", "train", "parameters", Map.of("faceSetA", empty.toString(),
                "faceSetB", other.toString(), "architecture", "cyclegan", "engine", "pytorch"))).problem(422, "invalid-job-parameters")
                .path("detail").asString()).isEqualTo("Parameter 'engine' must be one of samediff for architecture 'cyclegan', not 'pytorch'.");
        api.post("/api/v1/jobs", Map.of("kind", "convert", "parameters", Map.of())).problem(422, "invalid-job-parameters");
        api.post("/api/v1/jobs", Map.of("kind", "convert", "parameters", Map.of("modelId", UUID.randomUUID().toString(),
                "mediaId", UUID.randomUUID().toString()))).problem(422, "invalid-job-parameters");
        api.post("/api/v1/jobs", Map.of("kind", "train", "parameters", Map.of("faceSetA", empty.toString(),
                "faceSetB", empty.toString()))).problem(422, "invalid-job-parameters");
        api.post("/api/v1/jobs", Map.of("kind", "train", "parameters", Map.of("faceSetA", empty.toString(),
                "faceSetB", UUID.randomUUID().toString()))).problem(422, "invalid-job-parameters");
        api.post("/api/v1/jobs", Map.of("kind", "extract", "parameters", Map.of())).problem(422, "invalid-job-parameters");
        api.post("/api/v1/jobs", Map.of("kind", "extract", "parameters", Map.of("faceSetId", empty.toString())))
                .problem(422, "invalid-job-parameters");
        api.get("/api/v1/jobs/" + UUID.randomUUID()).problem(404, "job-not-found");
        api.get("/api/v1/jobs?cursor=garbage").problem(400, "invalid-cursor");
        api.get("/api/v1/jobs?limit=1000").problem(400, "invalid-request");
    }

    @Test
    void aResultIsOnlyAvailableOnceTheJobSucceeded() throws Exception {
        doppel.pauseWorker();
        try {
            UUID faceSet = api.createFaceSet("Early");
            api.uploadOk(faceSet, TestMedia.png("e.png", 64, 64));
            UUID jobId = api.submitExtract(faceSet);
            api.get("/api/v1/jobs/" + jobId + "/result/contact-sheet.png").problem(409, "result-not-available");
        } finally {
            doppel.resumeWorker();
        }
    }

    @Test
    void aFailedJobCarriesAReadableProblem() throws Exception {
        UUID faceSet = api.createFaceSet("Corrupted later");
        api.uploadOk(faceSet, TestMedia.png("c.png", 64, 64));
        // The stored object is damaged after the upload was accepted: the worker must fail the job in words.
        String key = doppel.bean(ObjectStore.class).list(StorageKeys.tenantPrefix(doppel.tenantId) + "facesets/" + faceSet + "/").get(0);
        doppel.bean(ObjectStore.class).put(key, "garbage".getBytes(), "image/png");
        UUID jobId = api.submitExtract(faceSet);
        var job = api.awaitState(jobId, "FAILED", Duration.ofSeconds(60));
        assertThat(job.path("error").path("type").asString()).isEqualTo("/problems/jobs/media-unreadable");
        assertThat(job.path("error").path("detail").asString()).contains("cannot be used");
        assertThat(job.path("result").isNull()).isTrue();
    }

}
