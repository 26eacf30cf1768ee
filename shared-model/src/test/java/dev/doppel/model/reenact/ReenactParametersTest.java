package dev.doppel.model.reenact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReenactParametersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID MODEL = UUID.randomUUID();
    private static final UUID DRIVER = UUID.randomUUID();
    private static final UUID TARGET = UUID.randomUUID();

    private static JsonNode parameters(String extra) {
        return JSON.readTree("{\"modelId\":\"" + MODEL + "\",\"drivingMediaId\":\"" + DRIVER + "\",\"targetMediaId\":\"" + TARGET + "\""
                + extra + "}");
    }

    @Test
    void defaultsAreConversionsWithTheDriversFirstFrameAndSound() {
        ReenactParameters parsed = ReenactParameters.parse(parameters(""));
        assertThat(parsed.modelId()).isEqualTo(MODEL);
        assertThat(parsed.drivingMediaId()).isEqualTo(DRIVER);
        assertThat(parsed.targetMediaId()).isEqualTo(TARGET);
        assertThat(parsed.checkpoint()).isEqualTo("latest");
        assertThat(parsed.neutralFrame()).isZero();
        assertThat(parsed.keepSound()).isTrue();
        assertThat(parsed.colourMatch()).isEqualTo("reinhard");
        assertThat(parsed.blend()).isEqualTo("feather");
        assertThat(parsed.crf()).isEqualTo(23);
        assertThat(parsed.watermark()).isFalse();

        ReenactParameters chosen = ReenactParameters.parse(parameters(",\"neutralFrame\":12,\"sound\":\"NONE\",\"checkpoint\":\"best\""));
        assertThat(chosen.neutralFrame()).isEqualTo(12);
        assertThat(chosen.keepSound()).isFalse();
        assertThat(chosen.checkpoint()).isEqualTo("best");
    }

    @Test
    void refusesWhatCannotRunSayingWhatIsValid() {
        assertThatThrownBy(() -> ReenactParameters.parse(JSON.readTree("{\"modelId\":\"" + MODEL + "\"}")))
                .hasMessage("Parameter 'drivingMediaId' is required and must be an uploaded video id: the face whose expressions drive the target.");
        assertThatThrownBy(() -> ReenactParameters.parse(JSON.readTree("{\"modelId\":\"" + MODEL + "\",\"drivingMediaId\":\"" + DRIVER
                + "\",\"targetMediaId\":\"" + DRIVER + "\"}"))).hasMessageContaining("two different uploads");
        assertThatThrownBy(() -> ReenactParameters.parse(parameters(",\"neutralFrame\":1.5")))
                .hasMessageContaining("'neutralFrame' must be a whole number between 0 and 1000000");
        assertThatThrownBy(() -> ReenactParameters.parse(parameters(",\"sound\":\"loud\""))).hasMessageContaining("[driver, none]");
        assertThatThrownBy(() -> ReenactParameters.parse(parameters(",\"crf\":60"))).hasMessageContaining("between 0 and 51");
        assertThatThrownBy(() -> ReenactParameters.parse(parameters(",\"feather\":0.5"))).hasMessageContaining("between 0 and 0.2");
    }
}
