package dev.doppel.pipeline.saehd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.family.FineTunable;
import dev.doppel.pipeline.family.ModelImplementation;
import dev.doppel.pipeline.family.TrainableModel;
import dev.doppel.pipeline.family.TranslatedFaces;
import dev.doppel.pipeline.samediff.GradientNoise;
import dev.doppel.pipeline.samediff.NchwArrays;
import dev.doppel.pipeline.samediff.SameDiffAdaBelief;
import dev.doppel.pipeline.samediff.SameDiffCheckpoint;
import dev.doppel.pipeline.samediff.SameDiffWeights;
import dev.doppel.pipeline.swap.Identity;
import dev.doppel.pipeline.swap.StepLosses;
import dev.doppel.pipeline.swap.SwapModel;
import dev.doppel.pipeline.swap.SwapTraining;
import dev.doppel.pipeline.swap.TrainingBatch;
import dev.doppel.pipeline.train.LossWeights;
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

/**
 * DeepFaceLab's SAEHD as one SameDiff graph: training outputs for both people and inference
 * outputs decoded as each, with the mask the decoder learned beside every face. Training runs the
 * encoder once on the joined A+B batch (and a LIAE decoder once on both sides' codes), as
 * {@link dev.doppel.pipeline.swap.SameDiffSwapModel} does.
 *
 * <p>Doppel's A is DFL's dst (the person in the video, replaced), B is DFL's src (the face put in).
 * So a DF model's decoderA is DFL's decoder_dst; LIAE's interA is DFL's inter_B (the code only the
 * video's person passes through) and interAB is DFL's inter_AB: A is drawn from concat(interA,
 * interAB), B from concat(interAB, interAB), and swapping A to B decodes concat(interAB(a), interAB(a)).
 */
public final class SameDiffSaehdModel implements SwapModel, FineTunable {

    public static final String ARCHITECTURE = "saehd";
    public static final String ENGINE = "samediff";

    /** DFL's AdaBelief: beta1 0.9, beta2 0.999 (its epsilon: SameDiffAdaBelief). */
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;

    /** The version of what {@link #save} writes: 2 holds the weights raw and builds the graph anew on load; 1 held SameDiff's graph file. */
    static final int FORMAT_VERSION = 2;
    static final String WEIGHTS_FILE = "weights.bin";
    /** Format 1's SameDiff graph file, still read. */
    static final String GRAPH_FILE = "model.sd";
    static final String OPTIMISER_FILE = "optimiser.bin";
    static final String STATE_FILE = "model.json";

    /** Faces first (3 channels), then the per-pixel maps (1). */
    private static final String[] FEATURES = {"warpedA", "warpedB", "targetA", "targetB", "targetMaskA", "targetMaskB", "eyesMouthA", "eyesMouthB"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private SameDiff sd;
    private final SaehdOptions options;
    private long iteration;

    /** What sits beside the weights: the options the graph is built with and the steps it has taken. */
    record State(String name, SaehdOptions options, long iteration) {
    }

    private SameDiffSaehdModel(SameDiff sd, SaehdOptions options, long iteration) {
        GradientNoise.silence();
        this.sd = sd;
        this.options = options;
        this.iteration = iteration;
    }

    public static SameDiffSaehdModel create(SaehdOptions options) {
        SameDiff sd = SameDiff.create();
        SaehdNetwork net = new SaehdNetwork(sd, options);
        int r = options.resolution();
        SDVariable[] in = new SDVariable[FEATURES.length];
        for (int i = 0; i < FEATURES.length; i++) {
            in[i] = sd.placeHolder(FEATURES[i], DataType.FLOAT, -1, i < 4 ? 3 : 1, r, r);
        }
        SDVariable[][] trained = train(net, options.design(), sd.concat(0, in[0], in[1]));
        SDVariable lossA = SaehdLoss.of(sd, "lossA", SwapTraining.MASK_A, r, trained[0][0], trained[0][1], in[2], in[4], in[6]);
        SDVariable lossB = SaehdLoss.of(sd, "lossB", SwapTraining.MASK_B, r, trained[1][0], trained[1][1], in[3], in[5], in[7]);
        lossA.add("loss", lossB);

        SDVariable faces = sd.placeHolder("faces", DataType.FLOAT, -1, 3, r, r);
        for (Identity side : Identity.values()) {
            SDVariable[] decoded = decode(net, options.design(), net.encoder(faces), side);
            decoded[0].rename("decoded" + side);
            decoded[1].rename("decodedMask" + side);
        }

        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(new SameDiffAdaBelief(options.learningRate(), BETA1, BETA2))
                .dataSetFeatureMapping(FEATURES)
                .markLabelsUnused()
                .minimize("loss")
                .build());
        return new SameDiffSaehdModel(sd, options, 0);
    }

    /** A's and B's reconstructions of the joined A+B batch: {{rgbA, maskA}, {rgbB, maskB}}. */
    private static SDVariable[][] train(SaehdNetwork net, SaehdOptions.Design design, SDVariable joined) {
        SameDiff sd = joined.getSameDiff();
        SDVariable code = net.encoder(joined);
        if (design == SaehdOptions.Design.DF) {
            SDVariable[] inter = sd.split(net.inter("inter", code, net.interChannels()), 2, 0);
            return new SDVariable[][] {net.decoder("decoderA", inter[0], net.interChannels()), net.decoder("decoderB", inter[1], net.interChannels())};
        }
        SDVariable[] ab = sd.split(net.inter("interAB", code, net.interChannels()), 2, 0);
        SDVariable a = net.inter("interA", sd.split(code, 2, 0)[0], net.interChannels());
        SDVariable codes = sd.concat(0, sd.concat(1, a, ab[0]), sd.concat(1, ab[1], ab[1]));
        SDVariable[] decoded = net.decoder("decoder", codes, net.interChannels() * 2);
        SDVariable[] rgb = sd.split(decoded[0], 2, 0);
        SDVariable[] mask = sd.split(decoded[1], 2, 0);
        return new SDVariable[][] {{rgb[0], mask[0]}, {rgb[1], mask[1]}};
    }

    /** Encoded faces drawn as {@code side}: {rgb, mask}. */
    private static SDVariable[] decode(SaehdNetwork net, SaehdOptions.Design design, SDVariable code, Identity side) {
        if (design == SaehdOptions.Design.DF) {
            return net.decoder("decoder" + side, net.inter("inter", code, net.interChannels()), net.interChannels());
        }
        SameDiff sd = code.getSameDiff();
        SDVariable ab = net.inter("interAB", code, net.interChannels());
        SDVariable own = side == Identity.A ? net.inter("interA", code, net.interChannels()) : ab;
        return net.decoder("decoder", sd.concat(1, own, ab), net.interChannels() * 2);
    }

    /** SAEHD on SameDiff, as the worker registers it; the settings' options are {@link SaehdOptions#of}'s. */
    public static ModelImplementation implementation() {
        return new ModelImplementation(ARCHITECTURE, ENGINE, FORMAT_VERSION, settings -> create(SaehdOptions.of(settings)), SameDiffSaehdModel::load);
    }

    /** A model {@link #save(Path) saved} earlier, with its optimiser state: training resumes where it stopped. */
    public static SameDiffSaehdModel load(Path directory) throws IOException {
        State state = JSON.readValue(directory.resolve(STATE_FILE).toFile(), State.class);
        if (Files.exists(directory.resolve(GRAPH_FILE))) {
            SameDiff sd = SameDiffCheckpoint.loadGraph(directory.resolve(GRAPH_FILE), directory.resolve(OPTIMISER_FILE));
            return new SameDiffSaehdModel(sd, state.options(), state.iteration());
        }
        SameDiffSaehdModel model = create(state.options());
        SameDiffCheckpoint.restore(model.sd, directory.resolve(WEIGHTS_FILE), directory.resolve(OPTIMISER_FILE));
        model.iteration = state.iteration();
        return model;
    }

    public SaehdOptions options() {
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
    public StepLosses trainStep(TrainingBatch a, TrainingBatch b) {
        if (a.target().count() != b.target().count()) {
            throw new IllegalArgumentException("A and B batches must be the same size: the joined batch is split in halves");
        }
        checkSize(a.target());
        LossCapture losses = new LossCapture();
        sd.fit(new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {
                NchwArrays.of(a.warped()), NchwArrays.of(b.warped()), NchwArrays.of(a.target()), NchwArrays.of(b.target()),
                map(a.mask(), a), map(b.mask(), b), eyesMouth(a), eyesMouth(b)},
                new INDArray[0]), losses);
        iteration++;
        // ND4J frees off-heap buffers only when their Java objects are collected: a collection per
        // step keeps the next step from page-faulting fresh memory (as SameDiffSwapModel measured).
        System.gc();
        // Reported apart, so that the named losses add up to the side's whole loss, as every family's do.
        double maskA = losses.values.get(SwapTraining.MASK_A);
        double maskB = losses.values.get(SwapTraining.MASK_B);
        Map<String, Double> masks = new LinkedHashMap<>();
        masks.put(SwapTraining.MASK_A, maskA);
        masks.put(SwapTraining.MASK_B, maskB);
        return new StepLosses(iteration, losses.values.get("lossA") - maskA, losses.values.get("lossB") - maskB, masks);
    }

    @Override
    public FaceBatch decode(FaceBatch faces, Identity target) {
        return translate(faces, target).faces();
    }

    @Override
    public boolean predictsMasks() {
        return true;
    }

    @Override
    public TranslatedFaces translateWithMasks(FaceBatch faces, String role) {
        return translate(faces, Identity.valueOf(role));
    }

    private TranslatedFaces translate(FaceBatch faces, Identity target) {
        checkSize(faces);
        String face = "decoded" + target;
        String mask = "decodedMask" + target;
        Map<String, INDArray> out = sd.output(Map.of("faces", NchwArrays.of(faces)), face, mask);
        return new TranslatedFaces(NchwArrays.faces(out.get(face)), NchwArrays.floats(out.get(mask)));
    }

    /**
     * Copies a base SAEHD model's weights, every part of them; the optimiser state and the
     * iteration stay fresh (DFL's pretrained model starting a pair).
     */
    @Override
    public List<String> startFrom(TrainableModel base) {
        if (!(base instanceof SameDiffSaehdModel saehd)) {
            throw new IllegalArgumentException("a SAEHD model starts only from a SAEHD model, not a " + base.getClass().getSimpleName());
        }
        return SameDiffWeights.startFrom(iteration, options.differencesFrom(saehd.options), saehd.sd, sd, SaehdNetwork.parts(options.design()));
    }

    @Override
    public long iteration() {
        return iteration;
    }

    @Override
    public void save(Path directory) throws IOException {
        Files.createDirectories(directory);
        SameDiffCheckpoint.save(sd, directory.resolve(WEIGHTS_FILE), directory.resolve(OPTIMISER_FILE));
        JSON.writeValue(directory.resolve(STATE_FILE).toFile(), new State(ARCHITECTURE, options, iteration));
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

    private static INDArray map(float[] values, TrainingBatch batch) {
        return NchwArrays.ofMaps(values, batch.target().count(), batch.target().size());
    }

    /** DFL's eyes-and-mouth mask, from the loss weights: above the face's weight is an eye or the mouth. */
    private static INDArray eyesMouth(TrainingBatch batch) {
        float[] weights = batch.lossWeights();
        float[] regions = new float[weights.length];
        for (int i = 0; i < weights.length; i++) {
            regions[i] = weights[i] > LossWeights.FACE ? 1 : 0;
        }
        return map(regions, batch);
    }

    /**
     * The losses of the step, computed before its update: each named loss is an input of an add
     * on the way to the total, whose add_bp needs it, so M2.1's fit computes it and it is seen here
     * (SameDiffSwapModel's LossCapture says why no other way does).
     */
    private static final class LossCapture extends BaseListener {
        private static final List<String> NAMES = List.of("lossA", "lossB", SwapTraining.MASK_A, SwapTraining.MASK_B);
        final Map<String, Double> values = new LinkedHashMap<>();

        @Override
        public boolean isActive(Operation operation) {
            return operation == Operation.TRAINING;
        }

        @Override
        public void activationAvailable(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, String varName, INDArray activation) {
            if (NAMES.contains(varName)) {
                values.put(varName, activation.getDouble(0));
            }
        }
    }
}
