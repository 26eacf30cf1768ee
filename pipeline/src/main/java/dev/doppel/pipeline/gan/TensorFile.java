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

/**
 * Named float32 tensors in one file (weights, optimiser moments, image pools): a magic number, a
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
