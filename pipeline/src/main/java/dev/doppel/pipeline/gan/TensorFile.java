package dev.doppel.pipeline.gan;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import dev.doppel.pipeline.samediff.NchwArrays;

/**
 * Named float32 tensors in one file (a GAN's weights, optimiser moments, image pools): a magic number, a
 * count, then per tensor its name, shape and values, little-endian. Plain enough to read without
 * ND4J, and exact, so a resumed model starts from the very numbers it stopped at.
 */
public final class TensorFile {

    /** {@code shape} multiplies out to {@code values.length}. */
    public record Tensor(long[] shape, float[] values) {
        public Tensor {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            if (n != values.length) {
                throw new IllegalArgumentException("a tensor of " + values.length + " values cannot have that shape");
            }
        }
    }

    /** An array's values as a tensor, row-major float32. */
    public static Tensor of(INDArray array) {
        return new Tensor(array.shape(), NchwArrays.floats(array));
    }

    /** Every trainable variable of the graph, by name: a network's weights. */
    public static void writeVariables(Path file, SameDiff sd) throws IOException {
        Map<String, Tensor> weights = new LinkedHashMap<>();
        sd.variables().stream()
                .filter(v -> v.getVariableType() == VariableType.VARIABLE)
                .forEach(v -> weights.put(v.name(), of(v.getArr())));
        write(file, weights);
    }

    /** Weights {@link #writeVariables written} earlier, put back into the variables of the same names of a graph built alike. */
    public static void readVariables(Path file, SameDiff sd) throws IOException {
        for (Map.Entry<String, Tensor> weight : read(file).entrySet()) {
            if (!sd.hasVariable(weight.getKey())) {
                throw new IOException("the checkpoint holds a weight this network lacks: " + weight.getKey());
            }
            INDArray array = sd.getArrForVarName(weight.getKey());
            if (array.length() != weight.getValue().values().length) {
                throw new IOException("weight " + weight.getKey() + " has " + weight.getValue().values().length + " values, the network "
                        + array.length());
            }
            array.assign(Nd4j.create(weight.getValue().values(), array.shape(), 'c'));
        }
    }

    /** The file's tensors as arrays, by name. */
    public static Map<String, INDArray> readArrays(Path file) throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        read(file).forEach((name, t) -> arrays.put(name, Nd4j.create(t.values(), t.shape(), 'c')));
        return arrays;
    }

    /** Trainable parameters of the graph. */
    public static long parameterCount(SameDiff sd) {
        return sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE).mapToLong(v -> v.getArr().length()).sum();
    }

    private static final int MAGIC = 0x43594731; // "CYG1"
    private static final int CHUNK = 1 << 16;

    private TensorFile() {
    }

    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            out.writeInt(MAGIC);
            out.writeInt(tensors.size());
            ByteBuffer bytes = ByteBuffer.allocate(CHUNK * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
                out.writeUTF(entry.getKey());
                long[] shape = entry.getValue().shape();
                out.writeInt(shape.length);
                for (long s : shape) {
                    out.writeLong(s);
                }
                float[] values = entry.getValue().values();
                for (int start = 0; start < values.length; start += CHUNK) {
                    int n = Math.min(CHUNK, values.length - start);
                    bytes.clear();
                    bytes.asFloatBuffer().put(values, start, n);
                    out.write(bytes.array(), 0, n * Float.BYTES);
                }
            }
        }
    }

    public static Map<String, Tensor> read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file.getFileName() + " is not a tensor file");
            }
            int count = in.readInt();
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            byte[] chunk = new byte[CHUNK * Float.BYTES];
            for (int t = 0; t < count; t++) {
                String name = in.readUTF();
                long[] shape = new long[in.readInt()];
                long length = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = in.readLong();
                    length *= shape[i];
                }
                float[] values = new float[Math.toIntExact(length)];
                for (int start = 0; start < values.length; start += CHUNK) {
                    int n = Math.min(CHUNK, values.length - start);
                    in.readFully(chunk, 0, n * Float.BYTES);
                    ByteBuffer.wrap(chunk, 0, n * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values, start, n);
                }
                tensors.put(name, new Tensor(shape, values));
            }
            return tensors;
        }
    }
}
