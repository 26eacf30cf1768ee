package dev.doppel.pipeline.samediff;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * A trainable SameDiff graph's state on disk as two raw files: its weights (and the optimiser's
 * step count) and its optimiser's state. The graph itself is not written: a model builds it again
 * from its options and {@link #restore restores} into it. Each array goes straight from native
 * memory to the file. SameDiff's own file builds everything in one Java buffer, one value at a
 * time: it cannot pass 2 GB (a full-width 128 px Original with Adam's moments failed at its first
 * checkpoint) and took 15-40 s at 64 px, where this takes about a second.
 *
 * <p>Checkpoints written before this hold a SameDiff graph file: {@link #loadGraph} reads them.
 */
public final class SameDiffCheckpoint {

    private static final int WEIGHTS_MAGIC = 0x44535731; // "DSW1"

    private SameDiffCheckpoint() {
    }

    public static void save(SameDiff sd, Path weights, Path optimiser) throws IOException {
        TrainingConfig training = sd.getTrainingConfig();
        try (FileChannel channel = create(weights); DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel))) {
            out.writeInt(WEIGHTS_MAGIC);
            out.writeInt(training == null ? 0 : training.getIterationCount());
            out.writeInt(training == null ? 0 : training.getEpochCount());
            var variables = sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE).toList();
            out.writeInt(variables.size());
            for (SDVariable variable : variables) {
                out.writeUTF(variable.name());
                write(variable.getArr(), out, channel);
            }
        }
        Map<String, GradientUpdater> updaters = sd.isInitializedTraining() ? sd.getUpdaterMap() : Map.of();
        try (FileChannel channel = create(optimiser); DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel))) {
            out.writeInt(updaters.size());
            for (Map.Entry<String, GradientUpdater> updater : updaters.entrySet()) {
                Map<String, INDArray> state = updater.getValue().getState();
                out.writeUTF(updater.getKey());
                out.writeInt(state.size());
                for (Map.Entry<String, INDArray> array : state.entrySet()) {
                    out.writeUTF(array.getKey());
                    write(array.getValue(), out, channel);
                }
            }
        }
    }

    /**
     * Puts what {@link #save} wrote back into a graph built as the saved one was (same options, same
     * refinement): every weight by name, the optimiser's state and its step count, so training
     * resumes exactly where it stopped.
     */
    public static void restore(SameDiff sd, Path weights, Path optimiser) throws IOException {
        int iterations;
        int epochs;
        try (FileChannel channel = FileChannel.open(weights, StandardOpenOption.READ);
             DataInputStream in = new DataInputStream(Channels.newInputStream(channel))) {
            if (in.readInt() != WEIGHTS_MAGIC) {
                throw new IOException(weights.getFileName() + " is not a SameDiff weights file");
            }
            iterations = in.readInt();
            epochs = in.readInt();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                if (!sd.hasVariable(name) || sd.getVariable(name).getVariableType() != VariableType.VARIABLE) {
                    throw new IOException("the checkpoint holds a weight this network lacks: " + name);
                }
                readInto(sd.getArrForVarName(name), name, in, channel);
            }
        }
        Map<String, Map<String, INDArray>> states = readOptimiser(optimiser);
        restoreOptimiser(sd, states);
        if (sd.getTrainingConfig() != null) {
            sd.getTrainingConfig().setIterationCount(iterations);
            sd.getTrainingConfig().setEpochCount(epochs);
        }
    }

    /** A SameDiff graph file with its weights (an earlier checkpoint's); its optimiser's state is beside it, or inside it in older ones still. */
    public static SameDiff loadGraph(Path graph, Path optimiser) throws IOException {
        if (!Files.exists(optimiser)) {
            return SameDiff.load(graph.toFile(), true);
        }
        SameDiff sd = SameDiff.load(graph.toFile(), false);
        restoreOptimiser(sd, readOptimiser(optimiser));
        return sd;
    }

    private static Map<String, Map<String, INDArray>> readOptimiser(Path optimiser) throws IOException {
        Map<String, Map<String, INDArray>> states = new LinkedHashMap<>();
        try (FileChannel channel = FileChannel.open(optimiser, StandardOpenOption.READ);
             DataInputStream in = new DataInputStream(Channels.newInputStream(channel))) {
            int updaters = in.readInt();
            for (int i = 0; i < updaters; i++) {
                String name = in.readUTF();
                int arrays = in.readInt();
                Map<String, INDArray> state = new LinkedHashMap<>();
                for (int j = 0; j < arrays; j++) {
                    state.put(in.readUTF(), read(readShape(in), channel));
                }
                states.put(name, state);
            }
        }
        return states;
    }

    private static void restoreOptimiser(SameDiff sd, Map<String, Map<String, INDArray>> states) throws IOException {
        if (states.isEmpty()) {
            return;
        }
        initializeTraining(sd);
        for (Map.Entry<String, Map<String, INDArray>> state : states.entrySet()) {
            GradientUpdater updater = sd.getUpdaterMap().get(state.getKey());
            if (updater == null) {
                throw new IOException("optimiser state for " + state.getKey() + ", which the graph does not train");
            }
            updater.setState(state.getValue(), false);
        }
    }

    private static FileChannel create(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    /** Shape, then the raw floats; the streams carry no buffer of their own, so the channel writes in order. */
    private static void write(INDArray array, DataOutputStream out, FileChannel channel) throws IOException {
        INDArray plain = array.dataType() == DataType.FLOAT && array.ordering() == 'c' && !array.isView() ? array : array.castTo(DataType.FLOAT).dup('c');
        out.writeInt(plain.rank());
        for (long side : plain.shape()) {
            out.writeLong(side);
        }
        out.flush();
        ByteBuffer bytes = plain.data().asNio().order(ByteOrder.nativeOrder());
        bytes.limit((int) (plain.length() * Float.BYTES));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Reads an array into {@code target}, which must be of its shape. */
    private static void readInto(INDArray target, String name, DataInputStream in, FileChannel channel) throws IOException {
        long[] shape = readShape(in);
        if (!Arrays.equals(shape, target.shape())) {
            throw new IOException("weight " + name + " is " + Arrays.toString(shape) + " in the checkpoint, " + Arrays.toString(target.shape())
                    + " in the network");
        }
        if (target.dataType() == DataType.FLOAT && target.ordering() == 'c' && !target.isView()) {
            fill(target, channel);
        } else {
            target.assign(read(shape, channel));
        }
    }

    private static INDArray read(long[] shape, FileChannel channel) throws IOException {
        INDArray array = Nd4j.create(DataType.FLOAT, shape, 'c');
        fill(array, channel);
        return array;
    }

    private static long[] readShape(DataInputStream in) throws IOException {
        long[] shape = new long[in.readInt()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = in.readLong();
        }
        return shape;
    }

    private static void fill(INDArray array, FileChannel channel) throws IOException {
        ByteBuffer bytes = array.data().asNio().order(ByteOrder.nativeOrder());
        bytes.limit((int) (array.length() * Float.BYTES));
        while (bytes.hasRemaining()) {
            if (channel.read(bytes) < 0) {
                throw new IOException("checkpoint cut short");
            }
        }
    }

    /** SameDiff makes its updaters on the first fit only, and only a file with their state can fill them: this makes them now. */
    private static void initializeTraining(SameDiff sd) throws IOException {
        try {
            Method initialize = SameDiff.class.getDeclaredMethod("initializeTraining");
            initialize.setAccessible(true);
            initialize.invoke(sd);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("this ND4J has no SameDiff.initializeTraining to restore an optimiser with", e);
        } catch (InvocationTargetException e) {
            throw new IOException("cannot restore the optimiser: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
