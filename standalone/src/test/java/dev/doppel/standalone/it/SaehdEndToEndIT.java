package dev.doppel.standalone.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DeepFaceLab's way to a pair's model as a user takes it: a (tiny) SAEHD pretrains on other
 * people's face sets, a pair's model starts from its weights ({@code baseModel}) and records where
 * they came from, and it converts a photo under the product of its learned mask and the landmarks'.
 * A base built otherwise is refused with what it was built as; deleting a face set the base learned
 * from deletes the models made from it.
 */
class SaehdEndToEndIT {

    private static final List<String> LOSSES = List.of("reconstructionA", "reconstructionB", "maskA", "maskB");

    private final RunningDoppel doppel = RunningDoppel.get();
    private final ApiClient api = doppel.api;

    @Test
    void aPairStartsFromAPretrainedBaseAndSwapsUnderItsLearnedMask() throws Exception {
        TwoPeople people = TwoPeople.extracted(api, "Saehd");
        UUID others = api.createFaceSet("Saehd others");
        api.uploadOk(others, new ApiClient.Part("file", "others.jpg", "image/jpeg", TestMedia.sampleJpeg(6, 960)));
        api.awaitState(api.submitExtract(others), "SUCCEEDED", Duration.ofMinutes(2));

        Map<String, Object> build = Map.of("architecture", "saehd", "resolution", 64, "widthScale", 0.125, "batchSize", 2,
                "checkpointEvery", 2, "options", Map.of("design", "df-ud", "aeDims", 64));
        Map<String, Object> pretrain = new HashMap<>(build);
        pretrain.putAll(Map.of("pretrain", true, "faceSets", List.of(others.toString(), people.faceSetB().toString()), "iterations", 4));
        UUID baseId = submit(pretrain);
        api.awaitState(baseId, "SUCCEEDED", Duration.ofMinutes(3));
        JsonNode base = api.get("/api/v1/models/" + baseId).json();
        assertThat(base.path("faceSets").path("pretrain-1").asString()).isEqualTo(others.toString());
        assertThat(base.path("faceSets").path("pretrain-2").asString()).isEqualTo(people.faceSetB().toString());
        assertThat(base.path("options").path("options").path("design").asString()).isEqualTo("df-ud");
        assertThat(base.path("losses").propertyNames()).containsExactlyElementsOf(LOSSES);
        ApiClient.Response baseConverts = api.post("/api/v1/jobs", Map.of("kind", "convert", "parameters", Map.of("modelId", baseId.toString(),
                "mediaId", people.photo().toString())));
        assertThat(baseConverts.status()).isEqualTo(422);
        assertThat(baseConverts.json().path("detail").asString()).contains("is a pretrained base").contains("'baseModel'");

        Map<String, Object> pair = new HashMap<>(build);
        pair.putAll(Map.of("faceSetA", people.faceSetA().toString(), "faceSetB", people.faceSetB().toString(), "iterations", 4,
                "baseModel", baseId.toString()));
        Map<String, Object> otherDesign = new HashMap<>(pair);
        otherDesign.put("options", Map.of("design", "liae-ud", "aeDims", 64));
        ApiClient.Response refused = post(otherDesign);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("detail").asString()).as("a base gives its weights only to a model built as it was")
                .endsWith("was built with other options; a job starting from it must ask for the same: options.design df-ud, not liae-ud.");
        ApiClient.Response unknown = post(Map.of("architecture", "saehd", "faceSetA", people.faceSetA().toString(),
                "faceSetB", people.faceSetB().toString(), "options", Map.of("design", "df-t")));
        assertThat(unknown.json().path("detail").asString()).startsWith("Parameter 'options.design' must be one of liae-ud, liae");

        UUID pairId = submit(pair);
        JsonNode trained = api.awaitState(pairId, "SUCCEEDED", Duration.ofMinutes(3));
        assertThat(trained.path("metrics").path("resumedFrom").asLong()).as("a new model: its iterations start at 0").isZero();
        JsonNode model = api.get("/api/v1/models/" + pairId).json();
        assertThat(model.path("iteration").asLong()).isEqualTo(4);
        assertThat(model.path("baseModel").path("id").asString()).isEqualTo(baseId.toString());
        assertThat(model.path("baseModel").path("iteration").asLong()).isEqualTo(4);
        assertThat(model.path("baseModel").path("parts").toString()).contains("encoder").contains("decoderB");

        ApiClient.Response convert = api.post("/api/v1/jobs", Map.of("kind", "convert", "parameters", Map.of("modelId", pairId.toString(),
                "mediaId", people.photo().toString(), "format", "jpeg")));
        assertThat(convert.status()).isEqualTo(202);
        JsonNode converted = api.awaitState(UUID.fromString(convert.json().path("id").asString()), "SUCCEEDED", Duration.ofMinutes(2));
        assertThat(converted.path("metrics").path("facesSwapped").asInt()).isEqualTo(3);
        assertThat(converted.path("metrics").path("mask").asString()).as("a model that draws masks pastes under both").isEqualTo("product");

        assertThat(api.delete("/api/v1/face-sets/" + others).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/models/" + baseId).status()).as("the base learned from the deleted face set").isEqualTo(404);
        assertThat(api.get("/api/v1/models/" + pairId).status()).as("and the pair's model holds its weights").isEqualTo(404);
    }

    private UUID submit(Map<String, Object> parameters) {
        ApiClient.Response submitted = post(parameters);
        assertThat(submitted.status()).as(new String(submitted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        return UUID.fromString(submitted.json().path("id").asString());
    }

    private ApiClient.Response post(Map<String, Object> parameters) {
        return api.post("/api/v1/jobs", Map.of("kind", "train", "parameters", parameters));
    }
}
