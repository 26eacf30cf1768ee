package dev.doppel.standalone.it;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the API serves is the one in {@code docs/openapi.json}, which the build
 * lints (redocly, recommended rules) and generates the test client from. A change to the API
 * changes the served document: copy {@code standalone/target/openapi.json} over the docs' copy.
 */
class ApiDocsIT {

    private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final ApiClient api = RunningDoppel.get().api;

    @Test
    void theOpenApiDocumentAndSwaggerUiAreServedWithoutAKey() throws Exception {
        ApiClient anonymous = api.withKey("");
        ApiClient.Response docs = anonymous.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode served = docs.json();
        assertThat(served.path("paths").propertyNames())
                .contains("/api/v1/jobs", "/api/v1/jobs/{id}", "/api/v1/jobs/{id}/cancel", "/api/v1/jobs/{id}/events",
                        "/api/v1/face-sets", "/api/v1/face-sets/{id}/media", "/api/v1/keys");
        assertThat(served.path("components").path("securitySchemes").propertyNames()).contains("bearerKey", "apiKeyHeader");
        assertThat(served.path("paths").path("/api/v1/jobs").path("post").path("responses").path("429").path("description").asString())
                .contains("quota-active-jobs");
        assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);

        // Read as maps, so every object's keys come out sorted: the file does not change with springdoc's iteration order.
        String normalised = PRETTY.writeValueAsString(PRETTY.readValue(docs.body(), Object.class)) + "\n";
        Files.writeString(Path.of("target", "openapi.json"), normalised);
        String committed = Files.readString(Path.of("..", "docs", "openapi.json"));
        assertThat(normalised).as("the served description is docs/openapi.json: copy standalone/target/openapi.json there").isEqualTo(committed);
    }
}
