package dev.doppel.model.train;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.doppel.model.families.ArchitectureOption;
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
                    List.of(128), 2e-4),
            new ModelArchitecture("sae", "deepfakes", "with options", List.of("A", "B"), List.of("reconstructionA"),
                    List.of("samediff", "pytorch"), List.of(128), 5e-5, null, ModelArchitecture.CONVERTS,
                    List.of(ArchitectureOption.choice("design", "which", List.of("liae-ud", "df")),
                            ArchitectureOption.number("aeDims", "code width", 32, 1024, 256)),
                    new ModelArchitecture.FineTuning(List.of("samediff")), true)));

    @Test
    void defaultsAreFaceswapsOriginalOnSameDiff() {
        TrainParameters parameters = parse("");
        assertThat(parameters.architecture()).isEqualTo("original");
        assertThat(parameters.engine()).isEqualTo("samediff");
        assertThat(parameters.faceSets()).containsExactly(Map.entry("A", a), Map.entry("B", b));
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
        assertThatThrownBy(() -> parse(",\"architecture\":\"../x\"")).hasMessageContaining("'architecture' must be one of original, sae, sketch");
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

    @Test
    void optionsAreTheArchitecturesOwnWithTheirDefaultsFilledIn() {
        assertThat(parse(",\"architecture\":\"sae\"").options()).containsExactly(Map.entry("design", "liae-ud"), Map.entry("aeDims", 256));
        assertThat(parse(",\"architecture\":\"sae\",\"options\":{\"design\":\"DF\",\"aeDims\":64}").options())
                .containsExactly(Map.entry("design", "df"), Map.entry("aeDims", 64));
        assertThat(parse("").options()).isEmpty();
        assertThatThrownBy(() -> parse(",\"architecture\":\"sae\",\"options\":{\"design\":\"lia\"}"))
                .hasMessage("Parameter 'options.design' must be one of liae-ud, df, not \"lia\".");
        assertThatThrownBy(() -> parse(",\"architecture\":\"sae\",\"options\":{\"aeDims\":2000}"))
                .hasMessage("Parameter 'options.aeDims' must be a whole number from 32 to 1024, not 2000.");
        assertThatThrownBy(() -> parse(",\"architecture\":\"sae\",\"options\":{\"eDims\":64}"))
                .hasMessage("Architecture 'sae' has no option 'eDims'; it has design, aeDims.");
        assertThatThrownBy(() -> parse(",\"options\":{\"design\":\"df\"}"))
                .hasMessage("Architecture 'original' has no options; drop parameter 'options'.");
    }

    @Test
    void aPretrainJobLearnsAListOfFaceSetsInEveryRole() {
        UUID c = UUID.randomUUID();
        TrainParameters pretrain = TrainParameters.parse(json.readTree("{\"architecture\":\"sae\",\"pretrain\":true,\"faceSets\":[\""
                + a + "\",\"" + b + "\",\"" + c + "\"]}"), architectures);
        assertThat(pretrain.pretrain()).isTrue();
        assertThat(pretrain.faceSets()).containsExactly(Map.entry("pretrain-1", a), Map.entry("pretrain-2", b), Map.entry("pretrain-3", c));
        assertThatThrownBy(() -> parse(",\"architecture\":\"sae\",\"pretrain\":true"))
                .hasMessage("A pretrain job learns from 'faceSets' (a list), not 'faceSetA'.");
        assertThatThrownBy(() -> TrainParameters.parse(json.readTree("{\"architecture\":\"sae\",\"pretrain\":true,\"faceSets\":[]}"),
                architectures)).hasMessageContaining("'faceSets' is required with 'pretrain'");
        assertThatThrownBy(() -> TrainParameters.parse(json.readTree("{\"architecture\":\"sae\",\"pretrain\":true,\"faceSets\":[\""
                + a + "\",\"" + a + "\"]}"), architectures)).hasMessage("Parameter 'faceSets' names face set " + a + " twice.");
        assertThatThrownBy(() -> TrainParameters.parse(json.readTree("{\"architecture\":\"sketch\",\"pretrain\":true,\"faceSets\":[\""
                + a + "\"]}"), architectures)).hasMessage("Architecture 'sketch' has no pretrain mode; architecture sae has.");
        ModelArchitectures gpu = new ModelArchitectures(architectures.all(), "pytorch");
        assertThat(TrainParameters.parse(json.readTree("{\"architecture\":\"sae\",\"pretrain\":true,\"faceSets\":[\"" + a + "\"]}"), gpu)
                .engine()).as("an installation preferring pytorch pretrains where pretraining runs").isEqualTo("samediff");
        assertThatThrownBy(() -> TrainParameters.parse(json.readTree("{\"architecture\":\"sae\",\"engine\":\"pytorch\",\"pretrain\":true,"
                + "\"faceSets\":[\"" + a + "\"]}"), architectures))
                .hasMessage("Parameter 'pretrain' needs engine samediff for architecture 'sae', not 'pytorch'.");
    }

    @Test
    void aBaseModelStartsANewModelAndExcludesContinuing() {
        UUID base = UUID.randomUUID();
        TrainParameters tuned = parse(",\"architecture\":\"sae\",\"baseModel\":\"" + base + "\"");
        assertThat(tuned.baseModel()).isEqualTo(base);
        assertThat(tuned.continueFrom()).isNull();
        assertThat(parse("").baseModel()).isNull();
        assertThatThrownBy(() -> parse(",\"architecture\":\"sae\",\"baseModel\":\"" + base + "\",\"continueFrom\":\"" + base + "\""))
                .hasMessageContaining("'baseModel' and 'continueFrom' exclude each other");
        assertThatThrownBy(() -> parse(",\"baseModel\":\"" + base + "\"")).hasMessage(
                "Architecture 'original' cannot start from a base model; architecture sae has.");
        assertThatThrownBy(() -> parse(",\"architecture\":\"sae\",\"baseModel\":7")).hasMessage("Parameter 'baseModel' must be a model id.");
    }

    private TrainParameters parse(String extra) {
        return TrainParameters.parse(json.readTree("{\"faceSetA\":\"" + a + "\",\"faceSetB\":\"" + b + "\"" + extra + "}"), architectures);
    }
}
