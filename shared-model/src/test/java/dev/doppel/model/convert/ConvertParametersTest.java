package dev.doppel.model.convert;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConvertParametersTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final UUID model = UUID.randomUUID();
    private final UUID media = UUID.randomUUID();

    @Test
    void defaultsSwapEveryFaceAToBWithReinhardAndAFeather() {
        ConvertParameters parameters = parse("");
        assertThat(parameters.towardsB()).isTrue();
        assertThat(parameters.checkpoint()).isEqualTo("latest");
        assertThat(parameters.colourMatch()).isEqualTo("reinhard");
        assertThat(parameters.blend()).isEqualTo("feather");
        assertThat(parameters.faces()).isEqualTo("all");
        assertThat(parameters.format()).isNull();
        assertThat(parameters.crf()).isEqualTo(23);
        assertThat(parameters.detectEvery()).isEqualTo(5);
        assertThat(parameters.watermark()).isFalse();
    }

    @Test
    void namesAreCaseInsensitiveButDirectionIsExact() {
        ConvertParameters parameters = parse(",\"colourMatch\":\"Histogram\",\"blend\":\"SEAMLESS\",\"direction\":\"BtoA\",\"format\":\"JPEG\"");
        assertThat(parameters.colourMatch()).isEqualTo("histogram");
        assertThat(parameters.blend()).isEqualTo("seamless");
        assertThat(parameters.towardsB()).isFalse();
        assertThat(parameters.format()).isEqualTo("jpeg");
        assertThatThrownBy(() -> parse(",\"direction\":\"btoa\"")).hasMessageContaining("'direction'").hasMessageContaining("AtoB");
    }

    @Test
    void theMaskIsTheModelsBestUnlessAsked() {
        assertThat(parse("").mask()).as("product where the model draws masks, else landmarks").isNull();
        assertThat(parse("").usesPredictedMask()).isFalse();
        assertThat(parse(",\"mask\":\"Predicted\"").mask()).isEqualTo("predicted");
        assertThat(parse(",\"mask\":\"product\"").usesPredictedMask()).isTrue();
        assertThat(parse(",\"mask\":\"landmarks\"").usesPredictedMask()).isFalse();
        assertThatThrownBy(() -> parse(",\"mask\":\"xseg\"")).hasMessage(
                "Parameter 'mask' must be one of [landmarks, predicted, product], not 'xseg'.");
    }

    @Test
    void refusesBadValuesNamingTheParameter() {
        assertThatThrownBy(() -> parse(",\"colourMatch\":\"sepia\"")).hasMessageContaining("'colourMatch'").hasMessageContaining("reinhard");
        assertThatThrownBy(() -> parse(",\"crf\":60")).hasMessageContaining("'crf'");
        assertThatThrownBy(() -> parse(",\"detectEvery\":0")).hasMessageContaining("'detectEvery'").hasMessageContaining("between 1");
        assertThatThrownBy(() -> parse(",\"detectEvery\":26")).hasMessageContaining("'detectEvery'");
        assertThatThrownBy(() -> parse(",\"quality\":0")).hasMessageContaining("'quality'");
        assertThatThrownBy(() -> parse(",\"erosion\":0.5")).hasMessageContaining("'erosion'");
        assertThatThrownBy(() -> parse(",\"faces\":\"some\"")).hasMessageContaining("'faces'");
        assertThatThrownBy(() -> ConvertParameters.parse(json.readTree("{\"modelId\":\"" + model + "\"}")))
                .hasMessageContaining("'mediaId'");
        assertThatThrownBy(() -> ConvertParameters.parse(json.readTree("{\"modelId\":\"x\",\"mediaId\":\"" + media + "\"}")))
                .hasMessageContaining("'modelId'");
    }

    private ConvertParameters parse(String extra) {
        return ConvertParameters.parse(json.readTree("{\"modelId\":\"" + model + "\",\"mediaId\":\"" + media + "\"" + extra + "}"));
    }
}
