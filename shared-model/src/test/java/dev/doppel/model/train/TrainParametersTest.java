package dev.doppel.model.train;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainParametersTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();

    @Test
    void defaultsAreFaceswapsOriginal() {
        TrainParameters parameters = parse("");
        assertThat(parameters.architecture()).isEqualTo("original");
        assertThat(parameters.resolution()).isEqualTo(64);
        assertThat(parameters.widthScale()).isEqualTo(1.0);
        assertThat(parameters.batchSize()).isEqualTo(16);
        assertThat(parameters.learningRate()).isEqualTo(5e-5);
    }

    @Test
    void refusesBadValuesNamingTheParameter() {
        assertThatThrownBy(() -> parse(",\"resolution\":96")).hasMessageContaining("'resolution'");
        assertThatThrownBy(() -> parse(",\"batchSize\":0")).hasMessageContaining("'batchSize'");
        assertThatThrownBy(() -> parse(",\"widthScale\":3")).hasMessageContaining("'widthScale'");
        assertThatThrownBy(() -> parse(",\"architecture\":\"../x\"")).hasMessageContaining("'architecture'");
        assertThatThrownBy(() -> TrainParameters.parse(json.readTree("{\"faceSetA\":\"" + a + "\",\"faceSetB\":\"" + a + "\"}")))
                .hasMessageContaining("two different");
    }

    private TrainParameters parse(String extra) {
        return TrainParameters.parse(json.readTree("{\"faceSetA\":\"" + a + "\",\"faceSetB\":\"" + b + "\"" + extra + "}"));
    }
}
