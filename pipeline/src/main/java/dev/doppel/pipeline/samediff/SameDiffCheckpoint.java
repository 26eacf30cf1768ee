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
import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/**
 * A trainable SameDiff graph on disk as two files: the graph with its weights (SameDiff's own
 * FlatBuffers file) and the optimiser's state beside it, raw. SameDiff can keep the optimiser's
 * state in its file too, but builds the whole file in one Java buffer, which cannot pass 2 GB:
 * weights plus Adam's two moments of a full-width 128 px Original (108 M parameters) do not fit,
 * and such a train job failed at its first checkpoint. Each state array here goes straight from
 * native memory to the file.
 *
 * <p>A graph file that holds its optimiser state (saved before this) loads as it is.
 */
public final class SameDiffCheckpoint {

    private SameDiffCheckpoint() {
    }

    public static void save(SameDiff sd, Path graph, Path optimiser) throws IOException {
        sd.save(graph.toFile(), false);
        Map<String, GradientUpdater> updaters = sd.isInitializedTraining() ? sd.getUpdaterMap() : Map.of();
        try (FileChannel channel = FileChannel.open(optimiser, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
             DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel))) {
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

    /** A graph saved by {@link #save}, ready to train on from where it stopped; {@code optimiser} may be absent (an older file holds it). */
    public static SameDiff load(Path graph, Path optimiser) throws IOException {
        if (!Files.exists(optimiser)) {
            return SameDiff.load(graph.toFile(), true);
        }
        SameDiff sd = SameDiff.load(graph.toFile(), false);
        Map<String, Map<String, INDArray>> states = new LinkedHashMap<>();
        try (FileChannel channel = FileChannel.open(optimiser, StandardOpenOption.READ);
             DataInputStream in = new DataInputStream(Channels.newInputStream(channel))) {
            int updaters = in.readInt();
            for (int i = 0; i < updaters; i++) {
                String name = in.readUTF();
                int arrays = in.readInt();
                Map<String, INDArray> state = new LinkedHashMap<>();
                for (int j = 0; j < arrays; j++) {
                    state.put(in.readUTF(), read(in, channel));
                }
                states.put(name, state);
            }
        }
        if (!states.isEmpty()) {
            initializeTraining(sd);
            for (Map.Entry<String, Map<String, INDArray>> state : states.entrySet()) {
                GradientUpdater updater = sd.getUpdaterMap().get(state.getKey());
                if (updater == null) {
                    throw new IOException("optimiser state for " + state.getKey() + ", which the graph does not train");
                }
                updater.setState(state.getValue(), false);
            }
        }
        return sd;
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

    private static INDArray read(DataInputStream in, FileChannel channel) throws IOException {
        long[] shape = new long[in.readInt()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = in.readLong();
        }
        INDArray array = Nd4j.create(DataType.FLOAT, shape, 'c');
        ByteBuffer bytes = array.data().asNio().order(ByteOrder.nativeOrder());
        bytes.limit((int) (array.length() * Float.BYTES));
        while (bytes.hasRemaining()) {
            if (channel.read(bytes) < 0) {
                throw new IOException("optimiser state cut short");
            }
        }
        return array;
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
