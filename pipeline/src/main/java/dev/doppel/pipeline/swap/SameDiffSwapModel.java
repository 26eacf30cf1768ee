package dev.doppel.pipeline.swap;

import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.FineTunable;
import dev.doppel.pipeline.family.TrainableModel;
import dev.doppel.pipeline.samediff.GradientNoise;
import dev.doppel.pipeline.samediff.NchwArrays;
import dev.doppel.pipeline.samediff.SameDiffCheckpoint;
import dev.doppel.pipeline.samediff.SameDiffWeights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.doppel.pipeline.family.GanRefinement;

import dev.doppel.pipeline.family.ModelImplementation;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * faceswap's "Original" swap model as one SameDiff graph on ND4J (oneDNN): the encoder once and
 * both decoders, so the shared encoder has one set of weights and one Adam state. Training runs
 * the encoder once on the joined A+B batch and splits its output between the decoders (1.3x two
 * encoder passes; docs/ARCHITECTURE.md, Engines, and README's benchmarks for the figures against PyTorch).
 */
public final class SameDiffSwapModel implements SwapModel, Refinable, FineTunable {

    public static final String ARCHITECTURE = "original";
    public static final String ENGINE = "samediff";

    /**
     * faceswap's Adam: beta1 0.5 and beta2 0.99 (its optimiser settings for every model), epsilon
     * 1e-7 (Keras' default, faceswap's epsilon_exponent -7).
     */
    static final double BETA1 = 0.5;
    static final double BETA2 = 0.99;
    static final double EPSILON = 1e-7;

    /** The version of what {@link #save} writes: 2 holds the weights raw and builds the graph anew on load; 1 held SameDiff's graph file. */
    static final int FORMAT_VERSION = 2;
    static final String WEIGHTS_FILE = "weights.bin";
    /** Format 1's SameDiff graph file, still read. */
    static final String GRAPH_FILE = "model.sd";
    static final String OPTIMISER_FILE = "optimiser.bin";
    static final String STATE_FILE = "model.json";

    private static final String[] FEATURES = {"warpedA", "warpedB", "targetA", "targetB", "weightsA", "weightsB"};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> AUTOENCODER = List.of("encoder", "decoderA", "decoderB");

    private SameDiff sd;
    private final SwapModelOptions options;
    private long iteration;

    /** What sits beside the weights: the options the graph is built with and the steps it has taken. */
    record State(String name, SwapModelOptions options, long iteration, GanRefinement refinement) {
    }

    private GanRefinement refinement;

    private SameDiffSwapModel(SameDiff sd, SwapModelOptions options, long iteration, GanRefinement refinement) {
        GradientNoise.silence();
        this.sd = sd;
        this.options = options;
        this.iteration = iteration;
        this.refinement = refinement;
    }

    static String reconstructionName(Identity side) {
        return "reconstructed" + side;
    }

    public static SameDiffSwapModel create(SwapModelOptions options) {
        SameDiff sd = SameDiff.create();
        OriginalNetwork net = new OriginalNetwork(sd, options);
        int r = options.resolution();
        SDVariable[] in = new SDVariable[FEATURES.length];
        for (int i = 0; i < FEATURES.length; i++) {
            in[i] = sd.placeHolder(FEATURES[i], DataType.FLOAT, -1, FEATURES[i].startsWith("weights") ? 1 : 3, r, r);
        }
        SDVariable[] encoded = sd.split(net.encoder(sd.concat(0, in[0], in[1])), 2, 0);
        SDVariable reconstructedA = net.decoder("A", encoded[0]).rename(reconstructionName(Identity.A));
        SDVariable reconstructedB = net.decoder("B", encoded[1]).rename(reconstructionName(Identity.B));
        SDVariable lossA = SwapLoss.of(sd, "lossA", reconstructedA, in[2], in[4]);
        SDVariable lossB = SwapLoss.of(sd, "lossB", reconstructedB, in[3], in[5]);
        lossA.add("loss", lossB);

        SDVariable faces = sd.placeHolder("faces", DataType.FLOAT, -1, 3, r, r);
        SDVariable code = net.encoder(faces);
        net.decoder("A", code).rename("decodedA");
        net.decoder("B", code).rename("decodedB");

        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(new Adam(options.learningRate(), BETA1, BETA2, EPSILON))
                .dataSetFeatureMapping(FEATURES)
                .markLabelsUnused()
                .minimize("loss")
                .build());
        return new SameDiffSwapModel(sd, options, 0, null);
    }

    /** faceswap's Original on SameDiff, as the worker registers it. */
    public static ModelImplementation implementation() {
        return new ModelImplementation(ARCHITECTURE, ENGINE, FORMAT_VERSION, settings -> create(SwapModelOptions.of(settings)), SameDiffSwapModel::load);
    }

    /** A model {@link #save(Path) saved} earlier, with its Adam state: training resumes where it stopped. */
    public static SameDiffSwapModel load(Path directory) throws IOException {
        State state = JSON.readValue(directory.resolve(STATE_FILE).toFile(), State.class);
        if (Files.exists(directory.resolve(GRAPH_FILE))) {
            SameDiff sd = SameDiffCheckpoint.loadGraph(directory.resolve(GRAPH_FILE), directory.resolve(OPTIMISER_FILE));
            return new SameDiffSwapModel(sd, state.options(), state.iteration(), state.refinement());
        }
        SameDiffSwapModel model = create(state.options());
        if (state.refinement() != null) {
            model.startRefinement(state.refinement());
        }
        SameDiffCheckpoint.restore(model.sd, directory.resolve(WEIGHTS_FILE), directory.resolve(OPTIMISER_FILE));
        model.iteration = state.iteration();
        return model;
    }

    public SwapModelOptions options() {
        return options;
    }

    @Override
    public int resolution() {
        return options.resolution();
    }

    @Override
    public long parameterCount() {
        return SameDiffWeights.count(sd);
    }

    @Override
    public Optional<GanRefinement> refinement() {
        return Optional.ofNullable(refinement);
    }

    /** Grafts both discriminators onto the graph ({@link RefinementGraph}); from the next step on, fit trains them too. */
    @Override
    public void startRefinement(GanRefinement refinement) {
        if (this.refinement != null) {
            throw new IllegalStateException("this model is refining already");
        }
        RefinementGraph.add(sd, options.resolution(), refinement, options.seed());
        this.refinement = refinement;
    }

    @Override
    public StepLosses trainStep(TrainingBatch a, TrainingBatch b) {
        if (a.target().count() != b.target().count()) {
            throw new IllegalArgumentException("A and B batches must be the same size: the joined batch is split in halves");
        }
        checkSize(a.target());
        LossCapture losses = new LossCapture(refinement != null);
        sd.fit(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {
                NchwArrays.of(a.warped()), NchwArrays.of(b.warped()), NchwArrays.of(a.target()), NchwArrays.of(b.target()), weights(a), weights(b)},
                new INDArray[0]), losses);
        iteration++;
        // ND4J frees off-heap buffers only when their Java objects are collected: a collection per
        // step keeps the next step from page-faulting fresh memory (1.5-1.8x, measured).
        System.gc();
        return new StepLosses(iteration, losses.lossA, losses.lossB, losses.refinement);
    }

    @Override
    public FaceBatch decode(FaceBatch faces, Identity target) {
        checkSize(faces);
        String output = target == Identity.A ? "decodedA" : "decodedB";
        INDArray decoded = sd.output(Map.of("faces", NchwArrays.of(faces)), output).get(output);
        return NchwArrays.faces(decoded);
    }

    /**
     * Copies a base Original's encoder and decoders; the optimiser state and the iteration stay
     * fresh, and so does refinement: a base's discriminators are left behind.
     */
    @Override
    public List<String> startFrom(TrainableModel base) {
        if (!(base instanceof SameDiffSwapModel original)) {
            throw new IllegalArgumentException("an Original starts only from an Original on SameDiff, not a " + base.getClass().getSimpleName());
        }
        List<String> differences = new ArrayList<>();
        if (original.options.resolution() != options.resolution()) {
            differences.add("resolution " + original.options.resolution() + " instead of " + options.resolution());
        }
        if (original.options.widthScale() != options.widthScale()) {
            differences.add("widthScale " + original.options.widthScale() + " instead of " + options.widthScale());
        }
        return SameDiffWeights.startFrom(iteration, differences, original.sd, sd, AUTOENCODER);
    }

    /**
     * The autoencoder's weights by name (copies; a refining model's discriminators left out), in the
     * network's order: the encoder's layers, then decoder A's, then B's, each a weight (YXIO
     * filters, [in, out] dense) then its bias.
     */
    public Map<String, INDArray> weights() {
        Map<String, INDArray> weights = new LinkedHashMap<>();
        sd.variables().stream()
                .filter(v -> v.getVariableType() == VariableType.VARIABLE && AUTOENCODER.contains(v.name().split("/")[0]))
                .sorted(Comparator.comparing(SDVariable::name, SameDiffSwapModel::networkOrder))
                .forEach(v -> weights.put(v.name(), v.getArr().dup()));
        return weights;
    }

    /** Encoder, decoder A, decoder B; in each, the layers from input to output; a weight before its bias. */
    private static int networkOrder(String x, String y) {
        return Comparator.comparingInt((String name) -> AUTOENCODER.indexOf(name.split("/")[0]))
                .thenComparingInt(SameDiffSwapModel::layerOrder)
                .thenComparing(name -> name.endsWith("/b"))
                .compare(x, y);
    }

    /** conv0..4, dense0, dense1, upscale in the encoder; upscale0..3, rgb in a decoder. */
    private static int layerOrder(String name) {
        String layer = name.split("/")[1];
        String kind = layer.replaceAll("\\d", "");
        int index = layer.equals(kind) ? 0 : Integer.parseInt(layer.substring(kind.length()));
        return switch (kind) {
            case "conv" -> index;
            case "dense" -> 10 + index;
            case "upscale" -> 20 + index;
            case "rgb" -> 30;
            default -> throw new IllegalStateException("not a layer of the Original: " + name);
        };
    }

    @Override
    public long iteration() {
        return iteration;
    }

    @Override
    public void save(Path directory) throws IOException {
        Files.createDirectories(directory);
        SameDiffCheckpoint.save(sd, directory.resolve(WEIGHTS_FILE), directory.resolve(OPTIMISER_FILE));
        JSON.writeValue(directory.resolve(STATE_FILE).toFile(), new State(ARCHITECTURE, options, iteration, refinement));
    }

    @Override
    public void close() {
        // SameDiff holds no native handle of its own: its arrays go with it once it is unreachable.
        sd = null;
    }

    private void checkSize(FaceBatch faces) {
        if (faces.size() != options.resolution()) {
            throw new IllegalArgumentException("model takes " + options.resolution() + " px faces, got " + faces.size());
        }
    }

    private static INDArray weights(TrainingBatch batch) {
        return NchwArrays.ofMaps(batch.lossWeights(), batch.target().count(), batch.target().size());
    }

    /**
     * The losses of the step, computed before its update. M2.1's fit evaluates only what the
     * gradients need (it drops listeners' required variables), so a loss variable's own value is
     * never computed and its Loss reports 0; every named loss is an input of an add in the total,
     * whose add_bp needs it, so it is computed, and seen here.
     */
    private static final class LossCapture extends BaseListener {
        double lossA = Double.NaN;
        double lossB = Double.NaN;
        final Map<String, Double> refinement = new LinkedHashMap<>();
        private final Set<String> refinementNames = new LinkedHashSet<>();

        LossCapture(boolean refining) {
            if (refining) {
                for (Identity side : Identity.values()) {
                    refinementNames.add(RefinementGraph.generatorLoss(side));
                    refinementNames.add(RefinementGraph.discriminatorLoss(side));
                }
            }
        }

        @Override
        public boolean isActive(Operation operation) {
            return operation == Operation.TRAINING;
        }

        @Override
        public void activationAvailable(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, String varName, INDArray activation) {
            if (varName.equals("lossA")) {
                lossA = activation.getDouble(0);
            } else if (varName.equals("lossB")) {
                lossB = activation.getDouble(0);
            } else if (refinementNames.contains(varName)) {
                refinement.put(varName, activation.getDouble(0));
            }
        }
    }
}
