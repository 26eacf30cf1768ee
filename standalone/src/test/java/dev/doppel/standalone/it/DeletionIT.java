package dev.doppel.standalone.it;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.doppel.api.deletion.Deletions;
import dev.doppel.model.storage.ObjectStore;
import dev.doppel.model.storage.StorageKeys;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Removing people's faces and all that was made from them, each test in a tenant of its own so the
 * store can be counted to the last object, and the other tenants checked untouched.
 */
class DeletionIT {

    private final RunningDoppel doppel = RunningDoppel.get();
    private final ObjectStore store = doppel.bean(ObjectStore.class);
    private final JdbcClient jdbc = doppel.bean(JdbcClient.class);

    @Test
    void deletingAFaceSetTakesItsModelsAndResultsAndLeavesNothingInTheStore() throws Exception {
        Tenant tenant = doppel.newTenant("Deletion cascade");
        TwoPeople people = TwoPeople.extracted(tenant.api(), "Cascade");
        UUID model = trainTiny(tenant.api(), people);
        UUID convert = convert(tenant.api(), model, people.photo());
        int othersBefore = store.list(StorageKeys.tenantPrefix(doppel.tenantId)).size();
        assertThat(store.list(StorageKeys.jobPrefix(tenant.id(), model))).as("checkpoints and previews").isNotEmpty();

        deleted(tenant.api(), "/api/v1/face-sets/" + people.faceSetA());

        tenant.api().get("/api/v1/face-sets/" + people.faceSetA()).problem(404, "face-set-not-found");
        tenant.api().get("/api/v1/models/" + model).problem(404, "model-not-found");
        JsonNode convertJob = tenant.api().get("/api/v1/jobs/" + convert).json();
        assertThat(convertJob.path("state").asString()).as("the ledger keeps that the job ran").isEqualTo("SUCCEEDED");
        assertThat(convertJob.path("metrics").isEmpty()).as("but not what it measured of the faces").isTrue();
        assertThat(convertJob.path("dataDeletedAt").isNull()).as("and says when that went").isFalse();
        tenant.api().get("/api/v1/jobs/" + convert + "/result/swap.jpg").problem(410, "result-deleted");
        assertThat(store.list(StorageKeys.faceSetPrefix(tenant.id(), people.faceSetA()))).isEmpty();
        assertThat(store.list(StorageKeys.jobPrefix(tenant.id(), model))).isEmpty();
        assertThat(store.list(StorageKeys.jobPrefix(tenant.id(), convert))).isEmpty();
        assertThat(tenant.api().get("/api/v1/face-sets/" + people.faceSetB() + "/faces").json().path("total").asInt())
                .as("the other person's faces stay").isPositive();
        assertThat(rows("select count(*) from faces where tenant_id = :t and face_set_id = '" + people.faceSetA() + "'", tenant.id())).isZero();

        deleted(tenant.api(), "/api/v1/face-sets/" + people.faceSetB());
        assertThat(store.list(StorageKeys.tenantPrefix(tenant.id()))).as("nothing orphaned").isEmpty();
        assertThat(rows("select count(*) from faces where tenant_id = :t", tenant.id())).isZero();
        assertThat(rows("select count(*) from media where tenant_id = :t", tenant.id())).isZero();
        assertThat(rows("select count(*) from models where tenant_id = :t", tenant.id())).isZero();
        assertThat(rows("select count(*) from jobs where tenant_id = :t and data_deleted_at is not null", tenant.id()))
                .as("the extract, train and convert jobs keep their rows, marked").isEqualTo(4);
        assertThat(jdbc.sql("select action from audit_log where tenant_id = :t and subject_type = 'face-set' order by id")
                .param("t", tenant.id()).query(String.class).list())
                .containsSubsequence("face-set.created", "face-set.deletion-requested", "face-set.deleted", "face-set.deletion-requested",
                        "face-set.deleted");
        assertThat(store.list(StorageKeys.tenantPrefix(doppel.tenantId))).as("another tenant's store is untouched").hasSize(othersBefore);
    }

    @Test
    void aFaceSetInUseIsHiddenAtOnceAndDeletedWhenItsJobHasStopped() throws Exception {
        Tenant tenant = doppel.newTenant("Deletion wait");
        UUID faceSet = tenant.api().createFaceSet("Busy");
        tenant.api().uploadOk(faceSet, TestMedia.portrait("busy.jpg"));
        UUID job = SteppingJobs.submit(doppel, tenant.caller(), "{\"steps\":600,\"stepMillis\":100,\"faceSetId\":\"" + faceSet + "\"}");
        tenant.api().awaitState(job, "RUNNING", Duration.ofMinutes(1));
        doppel.api.delete("/api/v1/face-sets/" + faceSet).problem(404, "face-set-not-found");

        ApiClient.Response deleting = tenant.api().delete("/api/v1/face-sets/" + faceSet + "/consent");
        assertThat(deleting.status()).isEqualTo(202);
        assertThat(deleting.json().path("waitingFor").toString()).contains(job.toString());
        tenant.api().get("/api/v1/face-sets/" + faceSet).problem(404, "face-set-not-found");
        assertThat(tenant.api().get("/api/v1/face-sets").json()).as("hidden from the list").isEmpty();

        tenant.api().awaitState(job, "CANCELLED", Duration.ofMinutes(1));
        Instant deadline = Instant.now().plusSeconds(60);
        // The sweep deletes the rows, then the store objects it listed in the same transaction: done is both.
        String pending = "select (select count(*) from face_sets where tenant_id = :t)"
                + " + (select count(*) from object_deletions where tenant_id = :t)";
        while (rows(pending, tenant.id()) > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(rows(pending, tenant.id())).as("the sweep finished it").isZero();
        assertThat(store.list(StorageKeys.tenantPrefix(tenant.id()))).isEmpty();
        assertThat(jdbc.sql("select detail->>'reason' from audit_log where tenant_id = :t and action = 'face-set.deletion-requested'")
                .param("t", tenant.id()).query(String.class).single()).isEqualTo("consent-withdrawn");
    }

    @Test
    void oneUploadOneModelOrOneResultGoesAloneAndNotWhileAJobUsesIt() throws Exception {
        Tenant tenant = doppel.newTenant("Deletion single");
        TwoPeople people = TwoPeople.extracted(tenant.api(), "Single");
        UUID model = trainTiny(tenant.api(), people);
        UUID convert = convert(tenant.api(), model, people.photo());

        deleted(tenant.api(), "/api/v1/jobs/" + convert + "/result");
        tenant.api().get("/api/v1/jobs/" + convert + "/result/swap.jpg").problem(410, "result-deleted");
        assertThat(store.list(StorageKeys.jobPrefix(tenant.id(), convert))).isEmpty();
        assertThat(tenant.api().get("/api/v1/models/" + model).status()).as("the model it used stays").isEqualTo(200);

        UUID job = SteppingJobs.submit(doppel, tenant.caller(), "{\"steps\":600,\"stepMillis\":100,\"modelId\":\"" + model + "\"}");
        tenant.api().awaitState(job, "RUNNING", Duration.ofMinutes(1));
        assertThat(tenant.api().delete("/api/v1/models/" + model).problem(409, "model-in-use").path("detail").asString()).contains(job.toString());
        tenant.api().postEmpty("/api/v1/jobs/" + job + "/cancel");
        tenant.api().awaitState(job, "CANCELLED", Duration.ofMinutes(1));
        deleted(tenant.api(), "/api/v1/models/" + model);
        tenant.api().get("/api/v1/models/" + model).problem(404, "model-not-found");
        assertThat(store.list(StorageKeys.jobPrefix(tenant.id(), model))).isEmpty();

        int facesOfB = tenant.api().get("/api/v1/face-sets/" + people.faceSetB() + "/faces").json().path("total").asInt();
        deleted(tenant.api(), "/api/v1/face-sets/" + people.faceSetA() + "/media/" + people.photo());
        JsonNode faceSetA = tenant.api().get("/api/v1/face-sets/" + people.faceSetA()).json();
        assertThat(faceSetA.path("media")).as("the face set stays, without the upload").isEmpty();
        assertThat(tenant.api().get("/api/v1/face-sets/" + people.faceSetA() + "/faces").json().path("total").asInt()).isZero();
        assertThat(store.list(StorageKeys.faceSetPrefix(tenant.id(), people.faceSetA()))).isEmpty();
        assertThat(tenant.api().get("/api/v1/face-sets/" + people.faceSetB() + "/faces").json().path("total").asInt()).isEqualTo(facesOfB);
        tenant.api().delete("/api/v1/face-sets/" + people.faceSetA() + "/media/" + people.photo()).problem(404, "upload-not-found");
    }

    @Test
    void retentionExpiresOldResultsAndUploadsAndKeepsModels() throws Exception {
        Tenant tenant = doppel.newTenant("Retention");
        TwoPeople people = TwoPeople.extracted(tenant.api(), "Old");
        UUID model = trainTiny(tenant.api(), people);
        UUID convert = convert(tenant.api(), model, people.photo());
        // Ten days old, this tenant's only: every other test's data is minutes old and stays.
        jdbc.sql("update jobs set finished_at = finished_at - interval '10 days' where tenant_id = :t").param("t", tenant.id()).update();
        jdbc.sql("update media set created_at = created_at - interval '10 days' where tenant_id = :t").param("t", tenant.id()).update();
        Instant fiveDaysAgo = Instant.now().minus(Duration.ofDays(5));

        int expired = doppel.bean(Deletions.class).expire(fiveDaysAgo, fiveDaysAgo);

        assertThat(expired).as("4 job results (2 extracts, a train, a convert) and 2 uploads").isEqualTo(6);
        tenant.api().get("/api/v1/jobs/" + convert + "/result/swap.jpg").problem(410, "result-deleted");
        assertThat(tenant.api().get("/api/v1/models/" + model).status()).as("a model is kept until deleted").isEqualTo(200);
        assertThat(tenant.api().get("/api/v1/face-sets/" + people.faceSetA()).json().path("media")).isEmpty();
        assertThat(tenant.api().get("/api/v1/face-sets/" + people.faceSetB() + "/faces").json().path("total").asInt()).isZero();
        assertThat(store.list(StorageKeys.faceSetPrefix(tenant.id(), people.faceSetA()))).isEmpty();
        assertThat(jdbc.sql("select count(*) from audit_log where tenant_id = :t and detail->>'reason' = 'retention'")
                .param("t", tenant.id()).query(Long.class).single()).isEqualTo(6);
        assertThat(doppel.bean(Deletions.class).expire(fiveDaysAgo, fiveDaysAgo)).as("nothing twice").isZero();
    }



    private static void deleted(ApiClient api, String path) {
        ApiClient.Response response = api.delete(path);
        assertThat(response.status()).as("DELETE %s: %s", path, new String(response.body(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(204);
    }

    private static UUID trainTiny(ApiClient api, TwoPeople people) throws Exception {
        ApiClient.Response train = api.post("/api/v1/jobs", Map.of("kind", "train", "parameters", Map.of("faceSetA", people.faceSetA().toString(),
                "faceSetB", people.faceSetB().toString(), "widthScale", 0.125, "batchSize", 2, "iterations", 2, "checkpointEvery", 2)));
        UUID model = UUID.fromString(train.json().path("id").asString());
        api.awaitState(model, "SUCCEEDED", Duration.ofMinutes(3));
        return model;
    }

    private static UUID convert(ApiClient api, UUID model, UUID photo) throws Exception {
        ApiClient.Response convert = api.post("/api/v1/jobs", Map.of("kind", "convert", "parameters", Map.of("modelId", model.toString(),
                "mediaId", photo.toString(), "format", "jpeg")));
        UUID id = UUID.fromString(convert.json().path("id").asString());
        api.awaitState(id, "SUCCEEDED", Duration.ofMinutes(2));
        return id;
    }

    private long rows(String sql, UUID tenant) {
        return jdbc.sql(sql).param("t", tenant).query(Long.class).single();
    }

}
