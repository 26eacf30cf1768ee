package dev.doppel.standalone.it;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocsIT {

    private final ApiClient api = RunningDoppel.get().api;

    @Test
    void theOpenApiDocumentAndSwaggerUiAreServedWithoutAKey() {
        ApiClient anonymous = api.withKey("");
        ApiClient.Response docs = anonymous.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").propertyNames())
                .contains("/api/v1/jobs", "/api/v1/jobs/{id}", "/api/v1/jobs/{id}/cancel", "/api/v1/jobs/{id}/events",
                        "/api/v1/face-sets", "/api/v1/face-sets/{id}/media");
        assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
    }
}
