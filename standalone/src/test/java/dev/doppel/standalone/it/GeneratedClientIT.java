package dev.doppel.standalone.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.doppel.client.ApiClient;
import dev.doppel.client.ApiException;
import dev.doppel.client.api.FaceSetsApi;
import dev.doppel.client.api.JobsApi;
import dev.doppel.client.model.Consent;
import dev.doppel.client.model.CreateFaceSet;
import dev.doppel.client.model.FaceSetView;
import dev.doppel.client.model.JobView;
import dev.doppel.client.model.MediaView;
import dev.doppel.client.model.SubmitJob;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The API as a client sees it that no one here wrote: generated at build time from
 * docs/openapi.json (OpenAPI Generator, Java, native HttpClient), it uploads, extracts, trains,
 * converts and downloads, and reads a refusal as the problem the document says it is.
 */
class GeneratedClientIT {

    private final RunningDoppel doppel = RunningDoppel.get();

    @Test
    void aGeneratedClientUploadsExtractsTrainsConvertsAndDownloads() throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri(doppel.api.base());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + doppel.apiKey));
        FaceSetsApi faceSets = new FaceSetsApi(client);
        JobsApi jobs = new JobsApi(client);

        UUID a = faceSet(faceSets, "Generated A", TestMedia.portrait("a.jpg"));
        UUID b = faceSet(faceSets, "Generated B", new dev.doppel.standalone.it.ApiClient.Part("file", "b.jpg", "image/jpeg",
                TestMedia.sampleJpeg(3, 960)));
        UUID photo = faceSets.getFaceSet(a).getMedia().get(0).getId();
        awaitSucceeded(jobs, submit(jobs, "extract", Map.of("faceSetId", a.toString())));
        awaitSucceeded(jobs, submit(jobs, "extract", Map.of("faceSetId", b.toString())));
        UUID model = submit(jobs, "train", Map.of("faceSetA", a.toString(), "faceSetB", b.toString(), "widthScale", 0.125,
                "batchSize", 2, "iterations", 2, "checkpointEvery", 2));
        awaitSucceeded(jobs, model);
        UUID convert = submit(jobs, "convert", Map.of("modelId", model.toString(), "mediaId", photo.toString(), "format", "jpeg"));
        JobView converted = awaitSucceeded(jobs, convert);
        assertThat(converted.getRoute()).isEqualTo("convert.samediff");

        ApiException redirect = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> jobs.downloadResult(convert, "swap.jpg"));
        assertThat(redirect.getCode()).as("the document's 303 to a presigned URL").isEqualTo(303);
        String location = redirect.getResponseHeaders().firstValue("Location").orElseThrow();
        byte[] swapped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(location)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(new String(swapped, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("digitalsourcetype/compositeWithTrainedAlgorithmicMedia");

        assertThatThrownBy(() -> jobs.submitJob(new SubmitJob().kind("paint").parameters(Map.of()), null))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.getCode()).isEqualTo(422);
                    assertThat(refused.getResponseBody()).contains("/problems/invalid-job-kind");
                });
    }

    private static UUID faceSet(FaceSetsApi faceSets, String name, dev.doppel.standalone.it.ApiClient.Part upload) throws Exception {
        FaceSetView created = faceSets.createFaceSet(new CreateFaceSet().name(name)
                .consent(new Consent().attestedBy("Generated client").allPicturedPeopleConsented(true)));
        Path file = Files.createTempDirectory("generated-client").resolve(upload.fileName());
        Files.write(file, upload.bytes());
        List<MediaView> uploaded = faceSets.uploadMedia(created.getId(), List.of(file.toFile()));
        assertThat(uploaded).hasSize(1);
        return created.getId();
    }

    private static UUID submit(JobsApi jobs, String kind, Map<String, Object> parameters) throws ApiException {
        return jobs.submitJob(new SubmitJob().kind(kind).parameters(parameters), null).getId();
    }

    private static JobView awaitSucceeded(JobsApi jobs, UUID id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        JobView job = jobs.getJob(id);
        while (!job.getState().equals("SUCCEEDED") && Instant.now().isBefore(deadline)) {
            assertThat(job.getState()).as("job %s: %s", id, job.getError()).isNotIn("FAILED", "CANCELLED");
            Thread.sleep(250);
            job = jobs.getJob(id);
        }
        assertThat(job.getState()).isEqualTo("SUCCEEDED");
        return job;
    }
}
