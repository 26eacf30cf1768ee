package dev.doppel.model.animate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AnimateParametersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final UUID PHOTO = UUID.randomUUID();
    private static final UUID DRIVER = UUID.randomUUID();
    private static final UUID MODEL = UUID.randomUUID();

    private static JsonNode parameters(String extra) {
        return JSON.readTree("{\"photoMediaId\":\"" + PHOTO + "\",\"drivingMediaId\":\"" + DRIVER + "\"" + extra + "}");
    }

    @Test
    void withoutAModelThePhotoIsWarpedItsLargestFaceFromTheDriversFirstFrameWithItsSound() {
        AnimateParameters parsed = AnimateParameters.parse(parameters(""));
        assertThat(parsed.photoMediaId()).isEqualTo(PHOTO);
        assertThat(parsed.drivingMediaId()).isEqualTo(DRIVER);
        assertThat(parsed.method()).isEqualTo("warp");
        assertThat(parsed.learned()).isFalse();
        assertThat(parsed.modelId()).isNull();
        assertThat(parsed.faceIndex()).isNull();
        assertThat(parsed.neutralFrame()).isZero();
        assertThat(parsed.keepSound()).isTrue();
        assertThat(parsed.crf()).isEqualTo(23);
        assertThat(parsed.watermark()).isFalse();
    }

    @Test
    void aModelNamedMeansTheLearnedMethodAtItsCheckpoint() {
        AnimateParameters parsed = AnimateParameters.parse(parameters(",\"modelId\":\"" + MODEL + "\",\"checkpoint\":\"best\",\"faceIndex\":2,"
                + "\"sound\":\"none\""));
        assertThat(parsed.method()).isEqualTo("model");
        assertThat(parsed.learned()).isTrue();
        assertThat(parsed.modelId()).isEqualTo(MODEL);
        assertThat(parsed.checkpoint()).isEqualTo("best");
        assertThat(parsed.faceIndex()).isEqualTo(2);
        assertThat(parsed.keepSound()).isFalse();
    }

    @Test
    void refusesWhatCannotRunSayingWhatIsValid() {
        assertThatThrownBy(() -> AnimateParameters.parse(JSON.readTree("{\"photoMediaId\":\"" + PHOTO + "\"}")))
                .hasMessage("Parameter 'drivingMediaId' is required and must be an uploaded video id: the face whose motion the photo takes.");
        assertThatThrownBy(() -> AnimateParameters.parse(JSON.readTree("{\"photoMediaId\":\"" + PHOTO + "\",\"drivingMediaId\":\"" + PHOTO
                + "\"}"))).hasMessageContaining("two different uploads");
        assertThatThrownBy(() -> AnimateParameters.parse(parameters(",\"method\":\"model\"")))
                .hasMessage("Parameter 'modelId' is required with method 'model': the id of a motion model's train job.");
        assertThatThrownBy(() -> AnimateParameters.parse(parameters(",\"method\":\"warp\",\"modelId\":\"" + MODEL + "\"")))
                .hasMessageContaining("Method 'warp' needs no model");
        assertThatThrownBy(() -> AnimateParameters.parse(parameters(",\"checkpoint\":\"best\""))).hasMessageContaining("leave out 'modelId' and 'checkpoint'");
        assertThatThrownBy(() -> AnimateParameters.parse(parameters(",\"method\":\"morph\""))).hasMessageContaining("[warp, model]");
        assertThatThrownBy(() -> AnimateParameters.parse(parameters(",\"faceIndex\":-1"))).hasMessageContaining("between 0 and 99");
        assertThatThrownBy(() -> AnimateParameters.parse(parameters(",\"sound\":\"loud\""))).hasMessageContaining("[driver, none]");
    }
}
