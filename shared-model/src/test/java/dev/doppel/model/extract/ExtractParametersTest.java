package dev.doppel.model.extract;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExtractParametersTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final UUID faceSet = UUID.randomUUID();

    @Test
    void fillsSaneDefaults() {
        ExtractParameters parameters = ExtractParameters.parse(json.readTree("{\"faceSetId\":\"" + faceSet + "\"}"));
        assertThat(parameters.faceSetId()).isEqualTo(faceSet);
        assertThat(parameters.size()).isEqualTo(256);
        assertThat(parameters.coverage()).isEqualTo("WHOLE_FACE");
        assertThat(parameters.framesPerSecond()).isEqualTo(2.0);
        assertThat(parameters.everyNthFrame()).isNull();
        assertThat(parameters.maxIdentityDistance()).isNull();
    }

    @Test
    void refusesValuesOutOfRangeWithTheParameterNamed() {
        assertThatThrownBy(() -> parse("\"size\":1024")).hasMessageContaining("'size'");
        assertThatThrownBy(() -> parse("\"coverage\":\"torso\"")).hasMessageContaining("'coverage'");
        assertThatThrownBy(() -> parse("\"framesPerSecond\":0")).hasMessageContaining("'framesPerSecond'");
        assertThatThrownBy(() -> parse("\"everyNthFrame\":0")).hasMessageContaining("'everyNthFrame'");
        assertThatThrownBy(() -> parse("\"minBlur\":-1")).hasMessageContaining("'minBlur'");
        assertThatThrownBy(() -> ExtractParameters.parse(json.readTree("{}"))).hasMessageContaining("'faceSetId'");
        assertThat(parse("\"coverage\":\"head\",\"size\":64").coverage()).isEqualTo("HEAD");
    }

    private ExtractParameters parse(String extra) {
        return ExtractParameters.parse(json.readTree("{\"faceSetId\":\"" + faceSet + "\"," + extra + "}"));
    }
}
