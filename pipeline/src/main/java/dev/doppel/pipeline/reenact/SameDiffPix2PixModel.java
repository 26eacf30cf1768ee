package dev.doppel.pipeline.reenact;

import static dev.doppel.pipeline.reenact.Pix2PixGraph.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.ModelImplementation;
import dev.doppel.pipeline.family.ModelSettings;
import dev.doppel.pipeline.family.NamedLosses;
import dev.doppel.pipeline.gan.AdamGroup;
import dev.doppel.pipeline.gan.TensorFile;
import dev.doppel.pipeline.samediff.GradientNoise;
import dev.doppel.pipeline.samediff.NchwArrays;

/**
 * pix2pix (and pix2pixHD's options) as one SameDiff graph on ND4J with two Adam optimisers of our
 * own (beta1 0.5, the reference's), stepped as {@code cyclegan.SameDiffCycleGanModel} steps its
 * two: the generator's gradients first, then the discriminators' on this step's made faces.
 *
 * <p>A checkpoint is the options, the iteration, the weights and both optimisers' moments; the graph
 * is rebuilt from the options.
 */
public final class SameDiffPix2PixModel implements SketchToFace {

    public static final String ENGINE = "samediff";
    public static final int FORMAT_VERSION = 1;

    static final String STATE_FILE = "pix2pix.json";
    static final String WEIGHTS_FILE = "weights.bin";
    static final String OPTIMISERS_FILE = "optimisers.bin";

    private static final String GENERATOR_OPTIMISER = "generator";
    private static final String DISCRIMINATOR_OPTIMISER = "discriminators";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What sits beside the numbers: how to rebuild the graph, and how far training got. */
    record State(String architecture, int formatVersion, Pix2PixOptions options, long iteration) {
    }

    private SameDiff sd;
    private final String architecture;
    private final Pix2PixOptions options;
    private final List<String> generatorLosses;
    private final List<UNetGenerator.DropoutMask> dropoutMasks;
    private final AdamGroup generator;
    private final AdamGroup discriminators;
    private long iteration;

    private SameDiffPix2PixModel(String architecture, Pix2PixOptions options, Pix2PixGraph.Built built,
            Map<String, INDArray> optimiserStates, long iteration) {
        this.sd = built.sd();
        this.architecture = architecture;
        this.options = options;
        this.generatorLosses = built.generatorLosses();
        this.dropoutMasks = built.dropoutMasks();
        double lr = options.settings().learningRate();
        GradientNoise.silence();
        this.generator = new AdamGroup(sd, variablesOf(sd, GENERATOR + "/"), lr, optimiserStates.get(GENERATOR_OPTIMISER));
        this.discriminators = new AdamGroup(sd, variablesOf(sd, DISCRIMINATORS), lr, optimiserStates.get(DISCRIMINATOR_OPTIMISER));
        this.iteration = iteration;
    }

    public static SameDiffPix2PixModel create(String architecture, ModelSettings settings) {
        Pix2PixOptions options = Pix2PixOptions.of(architecture, settings);
        return new SameDiffPix2PixModel(architecture, options, Pix2PixGraph.build(options), Map.of(), 0);
    }

    /** A model of options the architectures do not name, for experiments and tests. */
    static SameDiffPix2PixModel create(Pix2PixOptions options) {
        return new SameDiffPix2PixModel(Pix2PixOptions.PIX2PIX, options, Pix2PixGraph.build(options), Map.of(), 0);
    }

    /** {@code architecture} ({@link Pix2PixOptions#PIX2PIX} or {@link Pix2PixOptions#PIX2PIX_HD}) on SameDiff, as the worker registers it. */
    public static ModelImplementation implementation(String architecture) {
        Pix2PixOptions.of(architecture, new ModelSettings(64, 1, 2e-4, 0));
        return new ModelImplementation(architecture, ENGINE, FORMAT_VERSION, settings -> create(architecture, settings),
                directory -> load(directory, architecture));
    }

    /** A model {@link #save saved} earlier, optimisers included: training resumes exactly where it stopped. */
    public static SameDiffPix2PixModel load(Path directory, String architecture) throws IOException {
        State state = JSON.readValue(directory.resolve(STATE_FILE).toFile(), State.class);
        if (!architecture.equals(state.architecture()) || state.formatVersion() > FORMAT_VERSION) {
            throw new IOException("not a " + architecture + " checkpoint this build reads: " + state.architecture() + " format "
                    + state.formatVersion());
        }
        Pix2PixGraph.Built built = Pix2PixGraph.build(state.options());
        TensorFile.readVariables(directory.resolve(WEIGHTS_FILE), built.sd());
        Map<String, INDArray> optimisers = TensorFile.readArrays(directory.resolve(OPTIMISERS_FILE));
        return new SameDiffPix2PixModel(architecture, state.options(), built, optimisers, state.iteration());
    }

    public Pix2PixOptions options() {
        return options;
    }

    @Override
    public int resolution() {
        return options.settings().resolution();
    }

    @Override
    public long parameterCount() {
        return TensorFile.parameterCount(sd);
    }

    @Override
    public long iteration() {
        return iteration;
    }

    @Override
    public NamedLosses trainStep(FaceBatch sketches, FaceBatch faces, float[] weights) {
        checkSize(sketches);
        checkSize(faces);
        if (sketches.count() != faces.count()) {
            throw new IllegalArgumentException("a sketch for every face: " + sketches.count() + " sketches, " + faces.count() + " faces");
        }
        if (weights.length != faces.count() * faces.size() * faces.size()) {
            throw new IllegalArgumentException("a weight for every pixel of every face");
        }
        Map<String, INDArray> inputs = new HashMap<>();
        inputs.put(SKETCHES, NchwArrays.of(sketches));
        inputs.put(FACES, NchwArrays.of(faces));
        inputs.put(WEIGHTS, NchwArrays.ofMaps(weights, faces.count(), faces.size()));
        // Seeded by the iteration, so a resumed run drops what an uninterrupted one would.
        Random random = new Random(options.settings().seed() * 1_000_003L + iteration);
        for (UNetGenerator.DropoutMask mask : dropoutMasks) {
            inputs.put(mask.placeholder(), dropout(mask, sketches.count(), random));
        }

        List<String> outputs = new ArrayList<>(generatorLosses);
        outputs.add(MADE);
        OutAndGrad g = sd.calculateGradientsAndOutputs(inputs, outputs, generator.variables());
        Map<String, Double> losses = new LinkedHashMap<>();
        for (String name : generatorLosses) {
            losses.put(name, g.getOutputs().get(name).getDouble(0));
        }
        // The discriminators see this step's faces, made before the generator's update, as the
        // reference's backward_D sees the fake_B of its forward pass.
        inputs.put(MADE_FACES, g.getOutputs().get(MADE).dup());
        generator.step(sd, g.getGradients(), iteration);

        OutAndGrad d = sd.calculateGradientsAndOutputs(inputs, List.of(DISCRIMINATOR), discriminators.variables());
        losses.put(DISCRIMINATOR, d.getOutputs().get(DISCRIMINATOR).getDouble(0));
        discriminators.step(sd, d.getGradients(), iteration);

        iteration++;
        // As in the other SameDiff models: collecting per step frees the step's off-heap buffers.
        System.gc();
        return new NamedLosses(iteration, losses);
    }

    @Override
    public FaceBatch draw(FaceBatch sketches) {
        checkSize(sketches);
        Map<String, INDArray> inputs = new HashMap<>();
        inputs.put(SKETCHES, NchwArrays.of(sketches));
        for (UNetGenerator.DropoutMask mask : dropoutMasks) {
            inputs.put(mask.placeholder(), Nd4j.ones(DataType.FLOAT, sketches.count(), mask.channels(), mask.side(), mask.side()));
        }
        INDArray drawn = sd.output(inputs, DRAWN).get(DRAWN);
        return NchwArrays.faces(drawn);
    }

    @Override
    public void save(Path directory) throws IOException {
        Files.createDirectories(directory);
        TensorFile.writeVariables(directory.resolve(WEIGHTS_FILE), sd);
        TensorFile.write(directory.resolve(OPTIMISERS_FILE), Map.of(
                GENERATOR_OPTIMISER, TensorFile.of(generator.state()), DISCRIMINATOR_OPTIMISER, TensorFile.of(discriminators.state())));
        JSON.writeValue(directory.resolve(STATE_FILE).toFile(), new State(architecture, FORMAT_VERSION, options, iteration));
    }

    @Override
    public void close() {
        sd = null;
    }

    /** Inverted dropout: each value kept with probability 1 - p and scaled by 1 / (1 - p), so drawing needs no rescaling. */
    private static INDArray dropout(UNetGenerator.DropoutMask mask, int count, Random random) {
        float[] values = new float[count * mask.channels() * mask.side() * mask.side()];
        float kept = (float) (1 / (1 - UNetGenerator.DROPOUT));
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble() < UNetGenerator.DROPOUT ? 0 : kept;
        }
        return Nd4j.create(values, new long[] {count, mask.channels(), mask.side(), mask.side()}, 'c');
    }

    private void checkSize(FaceBatch batch) {
        if (batch.size() != resolution()) {
            throw new IllegalArgumentException("model takes " + resolution() + " px images, got " + batch.size());
        }
    }

}
