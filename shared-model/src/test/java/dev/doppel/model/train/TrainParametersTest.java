package dev.doppel.model.train;

import java.util.List;
import java.util.UUID;

import dev.doppel.model.families.ModelArchitecture;
import dev.doppel.model.families.ModelArchitectures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainParametersTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final ModelArchitectures architectures = new ModelArchitectures(List.of(
            new ModelArchitecture("original", "deepfakes", "two decoders", List.of("A", "B"), List.of("reconstructionA", "reconstructionB"),
                    List.of("samediff", "pytorch"), List.of(64, 128), 5e-5,
                    new ModelArchitecture.GanRefinement(List.of("samediff"), List.of("generatorA", "discriminatorA"))),
            new ModelArchitecture("sketch", "pix2pix", "one person", List.of("Target"), List.of("generator"), List.of("samediff"),
                    List.of(128), 2e-4)));

    @Test
    void defaultsAreFaceswapsOriginalOnSameDiff() {
        TrainParameters parameters = parse("");
        assertThat(parameters.architecture()).isEqualTo("original");
        assertThat(parameters.engine()).isEqualTo("samediff");
        assertThat(parameters.faceSets()).containsExactly(java.util.Map.entry("A", a), java.util.Map.entry("B", b));
        assertThat(parameters.resolution()).isEqualTo(64);
        assertThat(parameters.widthScale()).isEqualTo(1.0);
        assertThat(parameters.batchSize()).isEqualTo(16);
        assertThat(parameters.learningRate()).isEqualTo(5e-5);
    }

    @Test
    void refusesBadValuesNamingTheParameter() {
        assertThatThrownBy(() -> parse(",\"resolution\":96")).hasMessageContaining("'resolution'").hasMessageContaining("[64, 128]");
        assertThatThrownBy(() -> parse(",\"batchSize\":0")).hasMessageContaining("'batchSize'");
        assertThatThrownBy(() -> parse(",\"widthScale\":3")).hasMessageContaining("'widthScale'");
        assertThatThrownBy(() -> TrainParameters.parse(json.readTree("{\"faceSetA\":\"" + a + "\",\"faceSetB\":\"" + a + "\"}"),
                architectures)).hasMessage("Parameters 'faceSetA' and 'faceSetB' must be two different face sets.");
    }

    @Test
    void refusesUnknownArchitecturesAndEnginesListingTheValidOnes() {
        assertThatThrownBy(() -> parse(",\"architecture\":\"../x\"")).hasMessageContaining("'architecture' must be one of original, sketch");
        assertThatThrownBy(() -> parse(",\"engine\":\"tensorflow\"")).hasMessageContaining("'engine' must be one of samediff, pytorch");
        assertThatThrownBy(() -> parse(",\"architecture\":\"sketch\",\"engine\":\"pytorch\""))
                .hasMessageContaining("'engine' must be one of samediff for architecture 'sketch'");
    }

    @Test
    void ganRefinementTakesDeepFaceLabsDefaultsAndComesLate() {
        TrainParameters plain = parse("");
        assertThat(plain.gan()).isNull();
        assertThat(plain.continueFrom()).isNull();
        TrainParameters refined = parse(",\"iterations\":1000,\"resolution\":128,\"gan\":{}");
        assertThat(refined.gan()).isEqualTo(new GanParameters(750, 0.1, 16, 16));
        UUID base = UUID.randomUUID();
        TrainParameters continued = parse(",\"continueFrom\":\"" + base + "\",\"gan\":{\"power\":0.2,\"patchSize\":28,\"baseChannels\":32}");
        assertThat(continued.continueFrom()).isEqualTo(base);
        assertThat(continued.gan()).as("a trained model refines at once").isEqualTo(new GanParameters(0, 0.2, 28, 32));
    }

    @Test
    void ganRefinementRefusesWhatCannotRefine() {
        assertThatThrownBy(() -> parse(",\"gan\":{\"power\":0}")).hasMessageContaining("'gan.power'");
        assertThatThrownBy(() -> parse(",\"iterations\":100,\"gan\":{\"fromIteration\":100}")).hasMessageContaining("'gan.fromIteration'");
        assertThatThrownBy(() -> parse(",\"gan\":{\"patchSize\":65}")).hasMessageContaining("'gan.patchSize'");
        assertThatThrownBy(() -> parse(",\"gan\":true")).hasMessageContaining("'gan' must be an object");
        assertThatThrownBy(() -> parse(",\"engine\":\"pytorch\",\"gan\":{}")).hasMessage(
                "Parameter 'gan' needs engine samediff for architecture 'original', not 'pytorch'.");
        assertThatThrownBy(() -> TrainParameters.parse(json.readTree("{\"architecture\":\"sketch\",\"faceSetTarget\":\"" + a
                + "\",\"gan\":{}}"), architectures)).hasMessageContaining("Architecture 'sketch' has no GAN refinement");
        assertThatThrownBy(() -> parse(",\"continueFrom\":\"model-1\"")).hasMessageContaining("'continueFrom' must be a model id");
        ModelArchitectures gpu = new ModelArchitectures(architectures.all(), "pytorch");
        assertThat(TrainParameters.parse(json.readTree("{\"faceSetA\":\"" + a + "\",\"faceSetB\":\"" + b + "\",\"gan\":{}}"), gpu)
                .engine()).as("an installation preferring pytorch refines where refining runs").isEqualTo("samediff");
    }

    @Test
    void anInstallationMayPreferAnEngineWhereTheArchitectureRunsOnIt() {
        ModelArchitectures gpu = new ModelArchitectures(architectures.all(), "pytorch");
        assertThat(TrainParameters.parse(json.readTree("{\"faceSetA\":\"" + a + "\",\"faceSetB\":\"" + b + "\"}"), gpu).engine())
                .isEqualTo("pytorch");
        assertThat(TrainParameters.parse(json.readTree("{\"architecture\":\"sketch\",\"faceSetTarget\":\"" + a + "\"}"), gpu).engine())
                .as("an architecture that does not run there keeps its own").isEqualTo("samediff");
    }

    @Test
    void readsOneFaceSetPerRoleOfTheArchitecture() {
        TrainParameters parameters = TrainParameters.parse(json.readTree("{\"architecture\":\"sketch\",\"faceSetTarget\":\"" + a + "\"}"),
                architectures);
        assertThat(parameters.faceSets()).containsOnlyKeys("Target");
        assertThat(parameters.resolution()).isEqualTo(128);
        assertThat(parameters.learningRate()).as("the architecture's own default").isEqualTo(2e-4);
        assertThatThrownBy(() -> TrainParameters.parse(json.readTree("{\"architecture\":\"sketch\"}"), architectures))
                .hasMessageContaining("'faceSetTarget' is required");
    }

    private TrainParameters parse(String extra) {
        return TrainParameters.parse(json.readTree("{\"faceSetA\":\"" + a + "\",\"faceSetB\":\"" + b + "\"" + extra + "}"), architectures);
    }
}
