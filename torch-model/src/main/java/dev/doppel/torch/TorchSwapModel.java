package dev.doppel.torch;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.doppel.pipeline.family.ModelImplementation;
import dev.doppel.pipeline.family.FaceBatch;
import dev.doppel.pipeline.swap.Identity;
import dev.doppel.pipeline.swap.StepLosses;
import dev.doppel.pipeline.swap.SwapModel;
import dev.doppel.pipeline.swap.SwapModelOptions;
import dev.doppel.pipeline.swap.TrainingBatch;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * faceswap's "Original" swap model on PyTorch through DJL: the same network, loss and optimiser as
 * the SameDiff implementation, and the path to GPU workers on Hopper cards, where ND4J's CUDA build
 * has no kernels. On a machine with a CUDA build of libtorch (the torch-cuda profile) it runs on
 * the GPU: DJL's default device is the first GPU when there is one.
 *
 * A step runs the shared encoder once on A and B joined, then each half through its own decoder.
 * {@link #save} writes weights, Adam's moments and the iteration, so training resumes exactly.
 * Not thread-safe: one trainer or converter at a time.
 *
 * Run the JVM with {@code -Dai.djl.offline=true} and DJL_CACHE_DIR / ENGINE_CACHE_DIR set, so that
 * DJL unpacks libtorch from the native jar and never goes to the network; thread counts come from
 * {@code ai.djl.pytorch.num_threads} / {@code num_interop_threads} and OMP_NUM_THREADS.
 */
public final class TorchSwapModel implements SwapModel {

    public static final String ARCHITECTURE = "original";
    public static final String ENGINE_NAME = "pytorch";

    private static final String ENGINE = TorchRuntime.ENGINE;

    private final SwapModelOptions options;
    private final NDManager manager;
    private final OriginalNetwork network;
    private final Map<String, Parameter> parameters;
    private final ParameterStore parameterStore;
    private final ReconstructionLoss loss;
    private final AdamOptimizer optimizer;
    private long iteration;

    private TorchSwapModel(SwapModelOptions options, NDManager manager, OriginalNetwork network) {
        this.options = options;
        this.manager = manager;
        this.network = network;
        this.parameters = network.parameters();
        // Not copying: the store hands out the parameters' own arrays, so updates land in place.
        this.parameterStore = new ParameterStore(manager, false);
        this.loss = new ReconstructionLoss(manager);
        this.optimizer = new AdamOptimizer((float) options.learningRate(), manager);
    }

    /** faceswap's Original on PyTorch, as the worker registers it. */
    public static ModelImplementation implementation() {
        return new ModelImplementation(ARCHITECTURE, ENGINE_NAME, 2, settings -> create(SwapModelOptions.of(settings)), TorchSwapModel::load);
    }

    /** A new model with random weights drawn from {@code options.seed()}. */
    public static TorchSwapModel create(SwapModelOptions options) {
        NDManager manager = TorchRuntime.newManager();
        try {
            TorchRuntime.engine().setRandomSeed((int) options.seed());
            OriginalNetwork network = new OriginalNetwork(options.resolution(), options.widthScale());
            network.initialize(manager);
            return new TorchSwapModel(options, manager, network);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** A model saved by {@link #save}, ready to train on from its iteration or to convert with. */
    public static TorchSwapModel load(Path directory) throws IOException {
        SavedModel.Header header = SavedModel.readHeader(directory);
        NDManager manager = TorchRuntime.newManager();
        try {
            OriginalNetwork network = new OriginalNetwork(header.options().resolution(), header.options().widthScale());
            try (DataInputStream in = open(SavedModel.weights(directory))) {
                network.load(manager, in);
            }
            TorchSwapModel model = new TorchSwapModel(header.options(), manager, network);
            try (DataInputStream in = open(SavedModel.optimiser(directory))) {
                model.optimizer.load(model.parameters, in);
            }
            model.iteration = header.iteration();
            return model;
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        } catch (MalformedModelException e) {
            manager.close();
            throw new IOException("unreadable weights in " + directory, e);
        }
    }

    @Override
    public int resolution() {
        return options.resolution();
    }

    public SwapModelOptions options() {
        return options;
    }

    @Override
    public long parameterCount() {
        return parameters.values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    /** Every parameter's shape, in the network's order: encoder, decoder A, decoder B, each layer's weight then bias. */
    List<long[]> parameterShapes() {
        return parameters.values().stream().map(p -> p.getArray().getShape().getShape()).toList();
    }

    /**
     * Overwrites every parameter with {@code values} in {@link #parameterShapes()} order (row-major,
     * PyTorch's layouts), so two engines can start from the same weights.
     */
    void setParameters(List<float[]> values) {
        if (values.size() != parameters.size()) {
            throw new IllegalArgumentException(values.size() + " arrays for " + parameters.size() + " parameters");
        }
        int i = 0;
        for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
            NDArray array = entry.getValue().getArray();
            float[] value = values.get(i++);
            if (value.length != array.size()) {
                throw new IllegalArgumentException(entry.getKey() + " holds " + array.size() + " values, not " + value.length);
            }
            array.set(value);
        }
    }

    /** Multiply-adds of convolutions and linears for one face through the encoder and one decoder. */
    public long multiplyAddsPerFace() {
        return network.multiplyAddsPerFace();
    }

    @Override
    public StepLosses trainStep(TrainingBatch a, TrainingBatch b) {
        requireResolution(a.warped());
        requireResolution(b.warped());
        float lossA;
        float lossB;
        try (NDManager step = manager.newSubManager()) {
            NDArray warped = NDArrays.concat(new NDList(images(step, a.warped()), images(step, b.warped())), 0);
            try (GradientCollector collector = Engine.getEngine(ENGINE).newGradientCollector()) {
                NDArray latent = network.encoder.forward(parameterStore, new NDList(warped), true).singletonOrThrow();
                int countA = a.warped().count();
                NDArray latentA = latent.get(new NDIndex("0:{}", countA));
                NDArray latentB = latent.get(new NDIndex("{}:", countA));
                NDArray a2 = network.decoderA.forward(parameterStore, new NDList(latentA), true).singletonOrThrow();
                NDArray b2 = network.decoderB.forward(parameterStore, new NDList(latentB), true).singletonOrThrow();
                NDArray l1 = loss.compute(a2, images(step, a.target()), weights(step, a));
                NDArray l2 = loss.compute(b2, images(step, b.target()), weights(step, b));
                collector.backward(l1.add(l2));
                lossA = l1.getFloat();
                lossB = l2.getFloat();
            }
            optimizer.step(parameters, iteration + 1);
        }
        iteration++;
        return new StepLosses(iteration, lossA, lossB);
    }

    /** Inference: no gradient collector is open, so PyTorch records no graph. */
    @Override
    public FaceBatch decode(FaceBatch faces, Identity target) {
        requireResolution(faces);
        try (NDManager step = manager.newSubManager()) {
            NDArray latent = network.encoder.forward(parameterStore, new NDList(images(step, faces)), false).singletonOrThrow();
            NDArray out = network.decoder(target).forward(parameterStore, new NDList(latent), false).singletonOrThrow();
            return new FaceBatch(faces.count(), faces.size(), out.toFloatArray());
        }
    }

    @Override
    public long iteration() {
        return iteration;
    }

    @Override
    public void save(Path directory) throws IOException {
        Files.createDirectories(directory);
        // The header goes last: a directory with a header holds a complete model.
        Files.deleteIfExists(SavedModel.header(directory));
        try (DataOutputStream out = create(SavedModel.weights(directory))) {
            network.save(out);
        }
        try (DataOutputStream out = create(SavedModel.optimiser(directory))) {
            optimizer.save(parameters, out);
        }
        SavedModel.writeHeader(directory, new SavedModel.Header(options, iteration));
    }

    @Override
    public void close() {
        manager.close();
    }

    private void requireResolution(FaceBatch faces) {
        if (faces.size() != options.resolution()) {
            throw new IllegalArgumentException("faces are " + faces.size() + " px, the model takes " + options.resolution());
        }
    }

    /**
     * Over a Java direct buffer (DJL's {@code create} does not copy into libtorch), which autograd
     * keeps for the backward pass: {@code manager} must stay open until after backward, as the
     * step's sub-manager does.
     */
    private static NDArray images(NDManager manager, FaceBatch faces) {
        return manager.create(faces.pixels(), new Shape(faces.count(), 3, faces.size(), faces.size()));
    }

    private static NDArray weights(NDManager manager, TrainingBatch batch) {
        FaceBatch target = batch.target();
        return manager.create(batch.lossWeights(), new Shape(target.count(), 1, target.size(), target.size()));
    }

    private static DataInputStream open(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file)));
    }

    private static DataOutputStream create(Path file) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
    }
}
