package dev.doppel.standalone.it;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second model family through the same seam: a (tiny) CycleGAN trains on two extracted face
 * sets and converts a photo with the same parameters and paste-back as a DeepFakes model. Whether
 * its faces look like B is the pipeline tests' to show; here every part must be in place.
 */
class CycleGanEndToEndIT {

    private static final List<String> LOSSES = List.of("adversarialAB", "adversarialBA", "cycleA", "cycleB", "identityA", "identityB",
            "discriminatorA", "discriminatorB");

    private final RunningDoppel doppel = RunningDoppel.get();
    private final ApiClient api = doppel.api;

    @Test
    void aCycleGanTrainsOnTwoFaceSetsAndSwapsAPhoto() throws Exception {
        TwoPeople people = TwoPeople.extracted(api, "CycleGAN");
        UUID faceSetA = people.faceSetA();
        UUID faceSetB = people.faceSetB();
        UUID photo = people.photo();

        ApiClient.Response submitted = api.post("/api/v1/jobs", Map.of("kind", "train", "parameters", Map.of("architecture", "cyclegan",
                "faceSetA", faceSetA.toString(), "faceSetB", faceSetB.toString(), "widthScale", 0.125, "batchSize", 1,
                "iterations", 6, "checkpointEvery", 3)));
        assertThat(submitted.status()).as(new String(submitted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        assertThat(submitted.json().path("route").asString()).isEqualTo("train.samediff");
        UUID modelId = UUID.fromString(submitted.json().path("id").asString());
        api.awaitState(modelId, "SUCCEEDED", Duration.ofMinutes(4));

        JsonNode model = api.get("/api/v1/models/" + modelId).json();
        assertThat(model.path("architecture").asString()).isEqualTo("cyclegan");
        assertThat(model.path("options").path("learningRate").asDouble()).as("CycleGAN's own default").isEqualTo(2e-4);
        assertThat(model.path("iteration").asLong()).isEqualTo(6);
        JsonNode history = api.get("/api/v1/models/" + modelId + "/losses").json();
        assertThat(history).hasSize(2);
        for (JsonNode point : history) {
            assertThat(point.path("losses").propertyNames()).as("in the catalog's order").containsExactlyElementsOf(LOSSES);
            LOSSES.forEach(name -> assertThat(point.path("losses").path(name).asDouble()).as(name).isFinite().isNotNegative());
        }
        byte[] preview = api.fetchAbsolute(api.get(model.path("links").path("preview").asString()).header("Location")).body();
        assertThat(ImageIO.read(new ByteArrayInputStream(preview)).getWidth()).as("A, A to B, back to A, B, B to A, back to B")
                .isEqualTo(6 * 64);

        ApiClient.Response convert = api.post("/api/v1/jobs", Map.of("kind", "convert", "parameters", Map.of("modelId", modelId.toString(),
                "mediaId", photo.toString(), "format", "jpeg")));
        assertThat(convert.status()).isEqualTo(202);
        JsonNode job = api.awaitState(UUID.fromString(convert.json().path("id").asString()), "SUCCEEDED", Duration.ofMinutes(2));
        assertThat(job.path("metrics").path("facesSwapped").asInt()).isEqualTo(3);
        byte[] swapped = api.fetchAbsolute(api.get("/api/v1/jobs/" + job.path("id").asString() + "/result/swap.jpg").header("Location"))
                .body();
        assertThat(new String(swapped, StandardCharsets.ISO_8859_1)).contains("digitalsourcetype/compositeWithTrainedAlgorithmicMedia");
    }
}
