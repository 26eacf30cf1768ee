package dev.doppel.pipeline.motion;

import static dev.doppel.pipeline.motion.FommGraph.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
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
 * The first-order motion model as one SameDiff graph ({@link FommGraph}) on ND4J, its keypoint
 * detector, dense motion and generator stepped together by one Adam of our own (beta1 0.5, the
 * reference's; its two optimisers of the same settings step the same way, Adam being per weight).
 *
 * <p>A checkpoint is the options, the iteration, the weights and the optimiser's moments; the graph
 * is rebuilt from the options. Each step's random warps are seeded by the iteration, so a resumed
 * run warps as an uninterrupted one would.
 */
public final class SameDiffMotionModel implements MotionModel {

    public static final String ENGINE = "samediff";
    public static final int FORMAT_VERSION = 1;
    /** The named losses each step reports, in order. */
    public static final List<String> LOSSES = FommGraph.LOSSES;

    static final String STATE_FILE = "fomm.json";
    static final String WEIGHTS_FILE = "weights.bin";
    static final String OPTIMISER_FILE = "optimiser.bin";

    private static final String OPTIMISER = "adam";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What sits beside the numbers: how to rebuild the graph, and how far training got. */
    record State(String architecture, int formatVersion, MotionOptions options, long iteration) {
    }

    private SameDiff sd;
    private final MotionOptions options;
    private final AdamGroup adam;
    private long iteration;

    private SameDiffMotionModel(MotionOptions options, SameDiff sd, INDArray optimiserState, long iteration) {
        this.sd = sd;
        this.options = options;
        GradientNoise.silence();
        this.adam = new AdamGroup(sd, trainable(sd), options.settings().learningRate(), optimiserState);
        this.iteration = iteration;
    }

    public static SameDiffMotionModel create(ModelSettings settings) {
        return create(MotionOptions.of(MotionOptions.FOMM, settings));
    }

    /** A model of options the architecture does not name, for experiments and tests. */
    static SameDiffMotionModel create(MotionOptions options) {
        return new SameDiffMotionModel(options, FommGraph.build(options), null, 0);
    }

    /** {@value MotionOptions#FOMM} on SameDiff, as the worker registers it. */
    public static ModelImplementation implementation() {
        return new ModelImplementation(MotionOptions.FOMM, ENGINE, FORMAT_VERSION, SameDiffMotionModel::create, SameDiffMotionModel::load);
    }

    /** A model {@link #save saved} earlier, optimiser included: training resumes exactly where it stopped. */
    public static SameDiffMotionModel load(Path directory) throws IOException {
        State state = JSON.readValue(directory.resolve(STATE_FILE).toFile(), State.class);
        if (!MotionOptions.FOMM.equals(state.architecture()) || state.formatVersion() > FORMAT_VERSION) {
            throw new IOException("not a " + MotionOptions.FOMM + " checkpoint this build reads: " + state.architecture() + " format "
                    + state.formatVersion());
        }
        SameDiff sd = FommGraph.build(state.options());
        TensorFile.readVariables(directory.resolve(WEIGHTS_FILE), sd);
        INDArray optimiser = TensorFile.readArrays(directory.resolve(OPTIMISER_FILE)).get(OPTIMISER);
        return new SameDiffMotionModel(state.options(), sd, optimiser, state.iteration());
    }

    public MotionOptions options() {
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
    public NamedLosses trainStep(FaceBatch sources, FaceBatch drivings) {
        checkSize(sources);
        checkSize(drivings);
        if (sources.count() != drivings.count()) {
            throw new IllegalArgumentException("a driving frame for every source: " + sources.count() + " sources, " + drivings.count()
                    + " driving frames");
        }
        ThinPlateWarp warp = ThinPlateWarp.random(drivings.count(), new Random(options.settings().seed() * 1_000_003L + iteration));
        Map<String, INDArray> inputs = new HashMap<>();
        inputs.put(SOURCES, NchwArrays.of(sources));
        inputs.put(DRIVINGS, NchwArrays.of(drivings));
        inputs.put(WARPED, NchwArrays.of(warp.apply(drivings)));
        inputs.put(WARP_AFFINE, Nd4j.create(warp.affine(), new long[] {warp.count(), 6}, 'c'));
        inputs.put(WARP_WEIGHTS, Nd4j.create(warp.weights(), new long[] {warp.count(), ThinPlateWarp.CONTROLS}, 'c'));

        OutAndGrad g = sd.calculateGradientsAndOutputs(inputs, LOSSES, adam.variables());
        Map<String, Double> losses = new LinkedHashMap<>();
        for (String name : LOSSES) {
            losses.put(name, g.getOutputs().get(name).getDouble(0));
        }
        adam.step(sd, g.getGradients(), iteration);
        iteration++;
        // As in the other SameDiff models: collecting per step frees the step's off-heap buffers.
        System.gc();
        return new NamedLosses(iteration, losses);
    }

    @Override
    public Keypoints keypoints(FaceBatch frames) {
        checkSize(frames);
        Map<String, INDArray> found = sd.output(Map.of(SOURCES, NchwArrays.of(frames)), POSITIONS, JACOBIANS);
        return new Keypoints(frames.count(), options.keypoints(), NchwArrays.floats(found.get(POSITIONS)),
                NchwArrays.floats(found.get(JACOBIANS)));
    }

    @Override
    public FaceBatch animate(FaceBatch sources, Keypoints source, Keypoints driving) {
        checkSize(sources);
        int k = options.keypoints();
        if (source.frames() != sources.count() || driving.frames() != sources.count() || source.count() != k || driving.count() != k) {
            throw new IllegalArgumentException("animating takes " + k + " source and driving keypoints for each of the " + sources.count()
                    + " sources");
        }
        Map<String, INDArray> inputs = new HashMap<>();
        inputs.put(SOURCES, NchwArrays.of(sources));
        inputs.put(SOURCE_POSITIONS, Nd4j.create(source.positions(), new long[] {source.frames(), k, 2}, 'c'));
        inputs.put(SOURCE_JACOBIANS, Nd4j.create(source.jacobians(), new long[] {source.frames(), k, 4}, 'c'));
        inputs.put(DRIVING_POSITIONS, Nd4j.create(driving.positions(), new long[] {driving.frames(), k, 2}, 'c'));
        inputs.put(DRIVING_JACOBIANS, Nd4j.create(driving.jacobians(), new long[] {driving.frames(), k, 4}, 'c'));
        return NchwArrays.faces(sd.output(inputs, ANIMATED).get(ANIMATED));
    }

    @Override
    public void save(Path directory) throws IOException {
        Files.createDirectories(directory);
        TensorFile.writeVariables(directory.resolve(WEIGHTS_FILE), sd);
        TensorFile.write(directory.resolve(OPTIMISER_FILE), Map.of(OPTIMISER, TensorFile.of(adam.state())));
        JSON.writeValue(directory.resolve(STATE_FILE).toFile(), new State(MotionOptions.FOMM, FORMAT_VERSION, options, iteration));
    }

    @Override
    public void close() {
        sd = null;
    }

    /** Every trainable variable, sorted, so the optimiser's row lays them out alike in every build of the graph. */
    private static List<String> trainable(SameDiff sd) {
        TreeSet<String> names = new TreeSet<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                names.add(v.name());
            }
        }
        return List.copyOf(names);
    }

    private void checkSize(FaceBatch batch) {
        if (batch.size() != resolution()) {
            throw new IllegalArgumentException("model takes " + resolution() + " px images, got " + batch.size());
        }
    }
}
