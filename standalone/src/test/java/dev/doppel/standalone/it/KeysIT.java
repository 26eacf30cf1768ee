package dev.doppel.standalone.it;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.doppel.api.tenancy.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenants and keys as an operator and a tenant's admin run them: the operator makes a tenant, its
 * admin makes keys with scopes, revokes and rotates them; a revoked key fails at once, on every
 * endpoint and on an open event stream; no admin reaches another tenant's keys.
 */
class KeysIT {

    private final RunningDoppel doppel = RunningDoppel.get();
    private final JdbcClient jdbc = doppel.bean(JdbcClient.class);

    @Test
    void theOperatorMakesATenantWhoseAdminRunsItsKeys() throws Exception {
        ApiClient.Response made = doppel.api.post("/api/v1/tenants", Map.of("name", "Studio " + UUID.randomUUID()));
        assertThat(made.status()).isEqualTo(201);
        UUID tenantId = UUID.fromString(made.json().path("id").asString());
        ApiClient admin = doppel.api.withKey(made.json().path("adminKey").path("secret").asString());

        JsonNode listed = admin.get("/api/v1/keys").json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("scopes").toString()).isEqualTo("[\"read\",\"submit\",\"admin\"]");
        assertThat(listed.get(0).has("secret")).as("a listing never shows a secret").isFalse();
        admin.post("/api/v1/tenants", Map.of("name", "Not mine")).problem(403, "not-operator");

        ApiClient reader = keyed(admin, "dashboard", "read");
        ApiClient submitter = keyed(admin, "pipeline", "read", "submit");
        assertThat(reader.get("/api/v1/face-sets").status()).isEqualTo(200);
        assertThat(reader.post("/api/v1/face-sets", Map.of("name", "x", "consent", Map.of("attestedBy", "a", "allPicturedPeopleConsented", true)))
                .problem(403, "insufficient-scope").path("detail").asString()).contains("needs 'submit'");
        submitter.createFaceSet("Made by the pipeline key");
        submitter.get("/api/v1/keys").problem(403, "insufficient-scope");
        admin.post("/api/v1/keys", Map.of("name", "bad", "scopes", List.of("everything"))).problem(422, "invalid-scope");

        UUID readerId = keyId(admin, "dashboard");
        doppel.api.delete("/api/v1/keys/" + readerId).problem(404, "key-not-found");
        assertThat(admin.delete("/api/v1/keys/" + readerId).status()).isEqualTo(204);
        reader.get("/api/v1/face-sets").problem(401, "unauthenticated");

        UUID pipelineId = keyId(admin, "pipeline");
        ApiClient.Response rotated = admin.post("/api/v1/keys/" + pipelineId + "/rotation", Map.of());
        assertThat(rotated.status()).isEqualTo(201);
        ApiClient renewed = doppel.api.withKey(rotated.json().path("secret").asString());
        assertThat(renewed.get("/api/v1/face-sets").json()).hasSize(1);
        submitter.get("/api/v1/face-sets").problem(401, "unauthenticated");
        assertThat(rotated.json().path("key").path("scopes").toString()).contains("submit");

        UUID adminId = keyId(admin, "admin");
        admin.delete("/api/v1/keys/" + adminId).problem(409, "last-admin-key");
        assertThat(admin.get("/api/v1/keys").json().get(0).path("lastUsedAt").isNull()).as("its use is noted").isFalse();
        assertThat(jdbc.sql("select action from audit_log where tenant_id = :t order by id").param("t", tenantId).query(String.class).list())
                .containsSubsequence("key.created", "key.created", "key.created", "key.revoked", "key.rotated");
    }

    @Test
    void aRevokedKeyEndsItsOpenEventStream() throws Exception {
        ApiClient.Response made = doppel.api.post("/api/v1/tenants", Map.of("name", "Streams " + UUID.randomUUID()));
        ApiClient admin = doppel.api.withKey(made.json().path("adminKey").path("secret").asString());
        ApiClient watcher = keyed(admin, "watcher", "read");
        UUID tenantId = UUID.fromString(made.json().path("id").asString());
        UUID job = SteppingJobs.submit(doppel, new Caller(tenantId, null), "{\"steps\":600,\"stepMillis\":100}");

        try {
            CompletableFuture<List<JsonNode>> stream = CompletableFuture.supplyAsync(() -> {
                try {
                    return watcher.events("/api/v1/jobs/" + job + "/events", Duration.ofMinutes(2));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1500);
            Instant revoked = Instant.now();
            assertThat(admin.delete("/api/v1/keys/" + keyId(admin, "watcher")).status()).isEqualTo(204);
            List<JsonNode> events = stream.get(30, TimeUnit.SECONDS);
            assertThat(Duration.between(revoked, Instant.now())).as("the stream ended once the key was revoked").isLessThan(Duration.ofSeconds(10));
            assertThat(events).isNotEmpty();
            assertThat(events.get(events.size() - 1).path("state").asString()).as("before the job finished").isIn("QUEUED", "RUNNING");
        } finally {
            admin.postEmpty("/api/v1/jobs/" + job + "/cancel");
        }
    }

    private static ApiClient keyed(ApiClient admin, String name, String... scopes) {
        ApiClient.Response created = admin.post("/api/v1/keys", Map.of("name", name, "scopes", List.of(scopes)));
        assertThat(created.status()).isEqualTo(201);
        return admin.withKey(created.json().path("secret").asString());
    }

    private static UUID keyId(ApiClient admin, String name) {
        for (JsonNode key : admin.get("/api/v1/keys").json()) {
            if (key.path("name").asString().equals(name) && key.path("revokedAt").isNull()) {
                return UUID.fromString(key.path("id").asString());
            }
        }
        throw new AssertionError("no active key named " + name);
    }
}
