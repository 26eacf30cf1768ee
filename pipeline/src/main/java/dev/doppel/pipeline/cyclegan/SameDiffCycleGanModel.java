package dev.doppel.pipeline.cyclegan;

import static dev.doppel.pipeline.cyclegan.CycleGanGraph.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.ModelImplementation;
import dev.doppel.pipeline.family.ModelSettings;
import dev.doppel.pipeline.gan.AdamGroup;
import dev.doppel.pipeline.gan.TensorFile;
import dev.doppel.pipeline.samediff.GradientNoise;
import dev.doppel.pipeline.samediff.NchwArrays;

/**
 * CycleGAN (Zhu et al. 2017, the junyanz/pytorch-CycleGAN-and-pix2pix recipe) as one SameDiff graph
 * on ND4J, trained with two Adam optimisers of our own: SameDiff's fit minimises one loss over every
 * variable, and a GAN needs the generators to minimise theirs while the discriminators minimise
 * another. Each iteration asks the graph for the generator loss's gradients of the generators'
 * variables only, steps them, passes the fakes through the image pools, then asks for the
 * discriminator loss's gradients of the discriminators' variables and steps those.
 *
 * <p>A checkpoint is the options, the iteration, the weights, both optimisers' moments and both
 * pools; the graph itself is rebuilt from the options, so only numbers are stored.
 */
public final class SameDiffCycleGanModel implements CycleGanModel {

    public static final String ARCHITECTURE = "cyclegan";
    public static final String ENGINE = "samediff";
    public static final int FORMAT_VERSION = 1;

    static final String STATE_FILE = "cyclegan.json";
    static final String WEIGHTS_FILE = "weights.bin";
    static final String OPTIMISERS_FILE = "optimisers.bin";
    static final String POOLS_FILE = "pools.bin";

    private static final String GENERATORS = "generators";
    private static final String DISCRIMINATORS = "discriminators";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What sits beside the numbers: how to rebuild the graph, and how far training got. */
    record State(String architecture, int formatVersion, CycleGanOptions options, long iteration) {
    }

    private SameDiff sd;
    private final CycleGanOptions options;
    private final AdamGroup generators;
    private final AdamGroup discriminators;
    private final ImagePool poolA;
    private final ImagePool poolB;
    private long iteration;

    private SameDiffCycleGanModel(SameDiff sd, CycleGanOptions options, Map<String, INDArray> optimiserStates,
            ImagePool poolA, ImagePool poolB, long iteration) {
        this.sd = sd;
        this.options = options;
        double lr = options.settings().learningRate();
        GradientNoise.silence();
        this.generators = new AdamGroup(sd, variablesOf(sd, G_AB, G_BA), lr, optimiserStates.get(GENERATORS));
        this.discriminators = new AdamGroup(sd, variablesOf(sd, D_A, D_B), lr, optimiserStates.get(DISCRIMINATORS));
        this.poolA = poolA;
        this.poolB = poolB;
        this.iteration = iteration;
    }

    public static SameDiffCycleGanModel create(ModelSettings settings) {
        return create(CycleGanOptions.of(settings));
    }

    public static SameDiffCycleGanModel create(CycleGanOptions options) {
        int imageLength = imageLength(options);
        return new SameDiffCycleGanModel(CycleGanGraph.build(options), options, Map.of(),
                new ImagePool(options.poolSize(), imageLength), new ImagePool(options.poolSize(), imageLength), 0);
    }

    /** CycleGAN on SameDiff, as the worker registers it. */
    public static ModelImplementation implementation() {
        return new ModelImplementation(ARCHITECTURE, ENGINE, FORMAT_VERSION, SameDiffCycleGanModel::create, SameDiffCycleGanModel::load);
    }

    /** A model {@link #save saved} earlier, optimisers and pools included: training resumes exactly where it stopped. */
    public static SameDiffCycleGanModel load(Path directory) throws IOException {
        State state = JSON.readValue(directory.resolve(STATE_FILE).toFile(), State.class);
        if (!ARCHITECTURE.equals(state.architecture()) || state.formatVersion() > FORMAT_VERSION) {
            throw new IOException("not a CycleGAN checkpoint this build reads: " + state.architecture() + " format " + state.formatVersion());
        }
        CycleGanOptions options = state.options();
        SameDiff sd = CycleGanGraph.build(options);
        TensorFile.readVariables(directory.resolve(WEIGHTS_FILE), sd);
        Map<String, INDArray> optimisers = TensorFile.readArrays(directory.resolve(OPTIMISERS_FILE));
        Map<String, TensorFile.Tensor> pools = TensorFile.read(directory.resolve(POOLS_FILE));
        int imageLength = imageLength(options);
        return new SameDiffCycleGanModel(sd, options, optimisers,
                ImagePool.restore(options.poolSize(), imageLength, pools.get("A").values()),
                ImagePool.restore(options.poolSize(), imageLength, pools.get("B").values()), state.iteration());
    }

    @Override
    public double baseLearningRate() {
        return options.settings().learningRate();
    }

    @Override
    public void learningRate(double rate) {
        generators.learningRate(rate);
        discriminators.learningRate(rate);
    }

    public CycleGanOptions options() {
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
    public CycleGanLosses trainStep(FaceBatch a, FaceBatch b) {
        checkSize(a);
        checkSize(b);
        INDArray facesA = NchwArrays.of(a);
        INDArray facesB = NchwArrays.of(b);

        List<String> generatorOutputs = new ArrayList<>(GENERATOR_LOSSES);
        generatorOutputs.add(FAKE_A);
        generatorOutputs.add(FAKE_B);
        OutAndGrad g = sd.calculateGradientsAndOutputs(Map.of(FACES_A, facesA, FACES_B, facesB), generatorOutputs, generators.variables());
        double[] generatorLosses = scalars(g.getOutputs(), GENERATOR_LOSSES);
        // The pools take this step's fakes, made before the generators' update, as the reference's
        // backward_D uses the fake_B of its forward pass.
        float[] fakeA = NchwArrays.floats(g.getOutputs().get(FAKE_A));
        float[] fakeB = NchwArrays.floats(g.getOutputs().get(FAKE_B));
        generators.step(sd, g.getGradients(), iteration);

        // Seeded by the iteration, so a resumed run draws what an uninterrupted one would.
        Random poolRandom = new Random(options.settings().seed() * 1_000_003L + iteration);
        INDArray pooledA = NchwArrays.of(new FaceBatch(b.count(), b.size(), poolA.query(fakeA, poolRandom)));
        INDArray pooledB = NchwArrays.of(new FaceBatch(a.count(), a.size(), poolB.query(fakeB, poolRandom)));
        OutAndGrad d = sd.calculateGradientsAndOutputs(
                Map.of(FACES_A, facesA, FACES_B, facesB, POOLED_FAKE_A, pooledA, POOLED_FAKE_B, pooledB),
                DISCRIMINATOR_LOSSES, discriminators.variables());
        double[] discriminatorLosses = scalars(d.getOutputs(), DISCRIMINATOR_LOSSES);
        discriminators.step(sd, d.getGradients(), iteration);

        iteration++;
        // ND4J frees off-heap buffers only when their Java owners are collected: collecting per
        // step keeps the next from page-faulting fresh memory (as SameDiffSwapModel).
        System.gc();
        return new CycleGanLosses(iteration, generatorLosses[0], generatorLosses[1], generatorLosses[2], generatorLosses[3],
                generatorLosses[4], generatorLosses[5], discriminatorLosses[0], discriminatorLosses[1]);
    }

    @Override
    public FaceBatch translate(FaceBatch faces, String role) {
        checkSize(faces);
        String input;
        String output;
        switch (role) {
            case "B" -> {
                input = FACES_A;
                output = AS_B;
            }
            case "A" -> {
                input = FACES_B;
                output = AS_A;
            }
            default -> throw new IllegalArgumentException("a CycleGAN translates to role A or B, not " + role);
        }
        INDArray made = sd.output(Map.of(input, NchwArrays.of(faces)), output).get(output);
        return NchwArrays.faces(made);
    }

    @Override
    public void save(Path directory) throws IOException {
        Files.createDirectories(directory);
        TensorFile.writeVariables(directory.resolve(WEIGHTS_FILE), sd);
        TensorFile.write(directory.resolve(OPTIMISERS_FILE), Map.of(
                GENERATORS, TensorFile.of(generators.state()), DISCRIMINATORS, TensorFile.of(discriminators.state())));
        int imageLength = imageLength(options);
        TensorFile.write(directory.resolve(POOLS_FILE), Map.of(
                "A", new TensorFile.Tensor(new long[] {poolA.size(), imageLength}, poolA.contents()),
                "B", new TensorFile.Tensor(new long[] {poolB.size(), imageLength}, poolB.contents())));
        JSON.writeValue(directory.resolve(STATE_FILE).toFile(), new State(ARCHITECTURE, FORMAT_VERSION, options, iteration));
    }

    @Override
    public void close() {
        // SameDiff holds no native handle of its own: its arrays go with it once it is unreachable.
        sd = null;
    }

    private void checkSize(FaceBatch faces) {
        if (faces.size() != resolution()) {
            throw new IllegalArgumentException("model takes " + resolution() + " px faces, got " + faces.size());
        }
    }

    private static int imageLength(CycleGanOptions options) {
        int r = options.settings().resolution();
        return 3 * r * r;
    }

    private static double[] scalars(Map<String, INDArray> outputs, List<String> names) {
        double[] values = new double[names.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = outputs.get(names.get(i)).getDouble(0);
        }
        return values;
    }
}
