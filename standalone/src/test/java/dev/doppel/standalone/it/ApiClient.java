package dev.doppel.standalone.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Talks to Doppel the way curl or a front end would: HTTP, an API key, JSON and multipart. */
final class ApiClient {

    record Response(int status, java.net.http.HttpHeaders headers, byte[] body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** Asserts an RFC 9457 problem of the given type and status. */
        JsonNode problem(int expectedStatus, String type) {
            assertThat(status).as("status of %s", new String(body, StandardCharsets.UTF_8)).isEqualTo(expectedStatus);
            assertThat(header("Content-Type")).startsWith("application/problem+json");
            JsonNode problem = json();
            assertThat(problem.path("type").asString()).isEqualTo("/problems/" + type);
            assertThat(problem.path("status").asInt()).isEqualTo(expectedStatus);
            assertThat(problem.path("title").asString()).isNotBlank();
            assertThat(problem.path("detail").asString()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
            return problem;
        }
    }

    record Part(String name, String fileName, String contentType, byte[] bytes) {
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(String base, String key) {
        this.base = base;
        this.key = key;
    }

    ApiClient withKey(String otherKey) {
        return new ApiClient(base, otherKey);
    }

    String base() {
        return base;
    }

    Response get(String path) {
        return send(request(path).GET().build());
    }

    Response post(String path, Object body, String... headers) {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : JSON.writeValueAsString(body)));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.build());
    }

    Response put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    Response delete(String path) {
        return send(request(path).DELETE().build());
    }

    Response postEmpty(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    Response upload(String path, List<Part> parts) {
        String boundary = "doppel-" + UUID.randomUUID();
        List<byte[]> chunks = new ArrayList<>();
        for (Part part : parts) {
            chunks.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\"; filename=\""
                    + part.fileName() + "\"\r\nContent-Type: " + part.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            chunks.add(part.bytes());
            chunks.add("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        chunks.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(chunks)).build());
    }

    Response fetchAbsolute(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    /** A result file of a finished job, through the audited redirect to its presigned URL. */
    byte[] result(JsonNode job, String name) {
        Response redirect = get("/api/v1/jobs/" + job.path("id").asString() + "/result/" + name);
        assertThat(redirect.status()).as(name).isEqualTo(303);
        return fetchAbsolute(redirect.header("Location")).body();
    }

    /** Opens the job's event stream and collects events until the server ends it. */
    List<JsonNode> events(String path, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<java.util.stream.Stream<String>> response = http.send(request(path).timeout(timeout)
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        try (java.util.stream.Stream<String> lines = response.body()) {
            lines.filter(line -> line.startsWith("data:")).forEach(line -> events.add(JSON.readTree(line.substring(5).trim())));
        }
        return events;
    }

    // --- the steps most tests share ---

    UUID createFaceSet(String name) {
        Response response = post("/api/v1/face-sets", Map.of("name", name,
                "consent", Map.of("attestedBy", "Test Operator", "allPicturedPeopleConsented", true)));
        assertThat(response.status()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        return UUID.fromString(response.json().path("id").asString());
    }

    JsonNode uploadOk(UUID faceSetId, Part... parts) {
        Response response = upload("/api/v1/face-sets/" + faceSetId + "/media", List.of(parts));
        assertThat(response.status()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        return response.json();
    }

    UUID submitExtract(UUID faceSetId, String... headers) {
        Response response = post("/api/v1/jobs", Map.of("kind", "extract", "parameters", Map.of("faceSetId", faceSetId.toString())),
                headers);
        assertThat(response.status()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        return UUID.fromString(response.json().path("id").asString());
    }

    JsonNode job(UUID jobId) {
        Response response = get("/api/v1/jobs/" + jobId);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    JsonNode awaitState(UUID jobId, String state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode job = job(jobId);
        while (!job.path("state").asString().equals(state)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + jobId + " did not reach " + state + " within " + timeout + "; last seen: " + job);
            }
            Thread.sleep(100);
            job = job(jobId);
        }
        return job;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + key);
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
