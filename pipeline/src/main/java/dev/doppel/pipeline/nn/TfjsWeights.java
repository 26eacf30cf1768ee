package dev.doppel.pipeline.nn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Named weights of a TensorFlow.js model: a {@code *-weights_manifest.json} and its {@code .bin}
 * shards. The shards of a group are one byte stream cut at arbitrary offsets, so they are joined
 * before the weights are read in manifest order. Quantised weights hold one uint8 or uint16 per
 * value, restored as {@code q * scale + min}; everything is loaded as float32, int32 included.
 */
public final class TfjsWeights {

    private final Map<String, INDArray> arrays;

    private TfjsWeights(Map<String, INDArray> arrays) {
        this.arrays = arrays;
    }

    /** Reads {@code <dir>/<model>-weights_manifest.json} and the shards it names, from dir. */
    public static TfjsWeights load(Path dir, String model) throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve(model + "-weights_manifest.json").toFile());
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (JsonNode group : manifest) {
            ByteBuffer bytes = ByteBuffer.wrap(joinShards(dir, group.get("paths"))).order(ByteOrder.LITTLE_ENDIAN);
            for (JsonNode weight : group.get("weights")) {
                arrays.put(weight.get("name").asText(), read(bytes, weight));
            }
            if (bytes.hasRemaining()) {
                throw new IOException(model + ": " + bytes.remaining() + " bytes left over after the last weight");
            }
        }
        return new TfjsWeights(arrays);
    }

    /** The weight of that name, in its manifest shape (TensorFlow layouts: HWIO filters). */
    public INDArray get(String name) {
        INDArray array = arrays.get(name);
        if (array == null) {
            throw new NoSuchElementException("no weight named " + name);
        }
        return array;
    }

    private static byte[] joinShards(Path dir, JsonNode paths) throws IOException {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (JsonNode shard : paths) {
            joined.write(Files.readAllBytes(dir.resolve(shard.asText())));
        }
        return joined.toByteArray();
    }

    private static INDArray read(ByteBuffer bytes, JsonNode weight) throws IOException {
        long[] shape = new long[weight.get("shape").size()];
        int count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = weight.get("shape").get(i).asLong();
            count *= (int) shape[i];
        }
        float[] values = new float[count];
        JsonNode quantization = weight.get("quantization");
        String dtype = weight.get("dtype").asText();
        if (quantization != null) {
            dequantise(bytes, quantization, values);
        } else if (dtype.equals("float32")) {
            bytes.asFloatBuffer().get(values);
            bytes.position(bytes.position() + 4 * count);
        } else if (dtype.equals("int32")) {
            for (int i = 0; i < count; i++) {
                values[i] = bytes.getInt();
            }
        } else {
            throw new IOException(weight.get("name").asText() + ": unsupported dtype " + dtype);
        }
        return Nd4j.create(values, shape, 'c').castTo(DataType.FLOAT);
    }

    private static void dequantise(ByteBuffer bytes, JsonNode quantization, float[] values) throws IOException {
        String dtype = quantization.get("dtype").asText();
        double scale = quantization.get("scale").asDouble();
        double min = quantization.get("min").asDouble();
        for (int i = 0; i < values.length; i++) {
            int q = switch (dtype) {
                case "uint8" -> Byte.toUnsignedInt(bytes.get());
                case "uint16" -> Short.toUnsignedInt(bytes.getShort());
                default -> throw new IOException("unsupported quantisation " + dtype);
            };
            values[i] = (float) (q * scale + min);
        }
    }
}
