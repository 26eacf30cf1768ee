package dev.doppel.standalone.it;

import java.util.Map;
import java.util.UUID;

import dev.doppel.api.tenancy.Caller;
import dev.doppel.model.storage.ObjectStore;
import dev.doppel.model.storage.StorageKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each tenant's limits answer 429 with Retry-After and create nothing, and recover once the
 * tenant is back under them. Each test has a tenant of its own and sets its limits in
 * {@code tenant_quotas}, as an operator would; the worker is paused so jobs stay queued.
 */
class QuotasIT {

    private final RunningDoppel doppel = RunningDoppel.get();
    private final JdbcClient jdbc = doppel.bean(JdbcClient.class);

    @AfterEach
    void resumeWorker() {
        doppel.resumeWorker();
    }

    @Test
    void jobsAtOnceAreLimited() throws Exception {
        Tenant tenant = tenant("Quota jobs", "active_jobs", 1);
        UUID faceSet = tenant.api().createFaceSet("Busy");
        tenant.api().uploadOk(faceSet, TestMedia.portrait("busy.jpg"));
        doppel.pauseWorker();
        UUID first = tenant.api().submitExtract(faceSet);

        ApiClient.Response refused = submitExtract(tenant, faceSet);
        assertThat(refused.problem(429, "quota-active-jobs").path("detail").asString()).contains("1 jobs are queued or running").contains("1 at once");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
        assertThat(jobs(tenant)).as("nothing was created").isEqualTo(1);

        tenant.api().postEmpty("/api/v1/jobs/" + first + "/cancel");
        assertThat(submitExtract(tenant, faceSet).status()).as("under the limit again").isEqualTo(202);
    }

    @Test
    void submissionsPerMinuteAreLimited() throws Exception {
        Tenant tenant = tenant("Quota rate", "submissions_per_minute", 2);
        UUID faceSet = tenant.api().createFaceSet("Eager");
        tenant.api().uploadOk(faceSet, TestMedia.portrait("eager.jpg"));
        doppel.pauseWorker();
        assertThat(submitExtract(tenant, faceSet).status()).isEqualTo(202);
        assertThat(submitExtract(tenant, faceSet).status()).isEqualTo(202);

        ApiClient.Response refused = submitExtract(tenant, faceSet);
        refused.problem(429, "quota-submission-rate");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        assertThat(jobs(tenant)).isEqualTo(2);
        ApiClient.Response withKey = tenant.api().post("/api/v1/jobs", Map.of("kind", "extract", "parameters",
                Map.of("faceSetId", faceSet.toString())), "Idempotency-Key", "a-new-request");
        assertThat(withKey.status()).as("a new idempotency key is a new submission").isEqualTo(429);

        // A minute on: the window has moved past both.
        jdbc.sql("update jobs set created_at = created_at - interval '61 seconds' where tenant_id = :t").param("t", tenant.id()).update();
        assertThat(submitExtract(tenant, faceSet).status()).isEqualTo(202);
    }

    @Test
    void storedBytesAreLimited() throws Exception {
        byte[] portrait = TestMedia.portrait("p.jpg").bytes();
        Tenant tenant = tenant("Quota storage", "stored_bytes", portrait.length + 100);
        UUID faceSet = tenant.api().createFaceSet("Full");
        UUID upload = UUID.fromString(tenant.api().uploadOk(faceSet, TestMedia.portrait("first.jpg")).get(0).path("id").asString());

        ApiClient.Response refused = tenant.api().upload("/api/v1/face-sets/" + faceSet + "/media", java.util.List.of(TestMedia.portrait("second.jpg")));
        assertThat(refused.problem(429, "quota-storage").path("detail").asString()).contains("Delete uploads");
        assertThat(refused.header("Retry-After")).isNotNull();
        ObjectStore store = doppel.bean(ObjectStore.class);
        assertThat(store.list(StorageKeys.faceSetPrefix(tenant.id(), faceSet))).as("the refused upload stored nothing").hasSize(1);

        assertThat(tenant.api().delete("/api/v1/face-sets/" + faceSet + "/media/" + upload).status()).isEqualTo(204);
        tenant.api().uploadOk(faceSet, TestMedia.portrait("second.jpg"));
    }

    @Test
    void theOperatorSetsATenantsLimitsAndTheTenantSeesThemWithItsUse() throws Exception {
        Tenant quoted = doppel.newTenant("Quota set");
        Caller caller = quoted.caller();
        ApiClient tenant = quoted.api();
        assertThat(tenant.get("/api/v1/quotas").json().path("activeJobs").path("limit").asLong()).as("none by default").isZero();

        ApiClient.Response set = doppel.api.put("/api/v1/tenants/" + caller.tenantId() + "/quotas", Map.of("activeJobs", 3, "storedBytes", 1_000_000));
        assertThat(set.status()).isEqualTo(200);
        UUID faceSet = tenant.createFaceSet("Counted");
        tenant.uploadOk(faceSet, TestMedia.portrait("counted.jpg"));
        var standing = tenant.get("/api/v1/quotas").json();
        assertThat(standing.path("activeJobs").path("limit").asLong()).isEqualTo(3);
        assertThat(standing.path("submissionsPerMinute").path("limit").asLong()).as("left to the installation's").isZero();
        assertThat(standing.path("storedBytes").path("limit").asLong()).isEqualTo(1_000_000);
        assertThat(standing.path("storedBytes").path("used").asLong()).isEqualTo(TestMedia.portrait("counted.jpg").bytes().length);

        tenant.put("/api/v1/tenants/" + caller.tenantId() + "/quotas", Map.of("activeJobs", 100)).problem(403, "not-operator");
        doppel.api.put("/api/v1/tenants/" + UUID.randomUUID() + "/quotas", Map.of()).problem(404, "tenant-not-found");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'tenant.quotas-set' and subject_id = :t")
                .param("t", caller.tenantId().toString()).query(Long.class).single()).isEqualTo(1);
    }


    private Tenant tenant(String name, String quota, long limit) {
        Tenant tenant = doppel.newTenant(name);
        jdbc.sql("insert into tenant_quotas (tenant_id, " + quota + ") values (:t, :limit)").param("t", tenant.id()).param("limit", limit)
                .update();
        return tenant;
    }

    private static ApiClient.Response submitExtract(Tenant tenant, UUID faceSet) {
        return tenant.api().post("/api/v1/jobs", Map.of("kind", "extract", "parameters", Map.of("faceSetId", faceSet.toString())));
    }

    private long jobs(Tenant tenant) {
        return jdbc.sql("select count(*) from jobs where tenant_id = :t").param("t", tenant.id()).query(Long.class).single();
    }
}
