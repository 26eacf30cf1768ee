package dev.doppel.pipeline.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfjsWeightsTest {

    @TempDir
    Path dir;

    @Test
    void readsFloatAndQuantisedWeightsAcrossShards() throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(2 * 4 + 4 + 2 * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putFloat(1.5f).putFloat(-2.25f);
        bytes.put((byte) 0).put((byte) 1).put((byte) 128).put((byte) 255);
        bytes.putShort((short) 0).putShort((short) 65535);
        byte[] all = bytes.array();
        // The shard boundary cuts through a weight, as tfjs shards do.
        Files.write(dir.resolve("m.bin"), Arrays.copyOfRange(all, 0, 6));
        Files.write(dir.resolve("m.bin2"), Arrays.copyOfRange(all, 6, all.length));
        Files.writeString(dir.resolve("m-weights_manifest.json"), """
                [{"paths": ["m.bin", "m.bin2"], "weights": [
                  {"name": "a/w", "shape": [2, 1], "dtype": "float32"},
                  {"name": "b/q", "shape": [2, 2], "dtype": "float32",
                   "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1.0}},
                  {"name": "c/q16", "shape": [2], "dtype": "float32",
                   "quantization": {"dtype": "uint16", "scale": 0.001, "min": 2.0}}
                ]}]
                """);

        TfjsWeights weights = TfjsWeights.load(dir, "m");

        assertThat(weights.get("a/w").shape()).containsExactly(2, 1);
        assertThat(weights.get("a/w").toFloatVector()).containsExactly(1.5f, -2.25f);
        assertThat(weights.get("b/q").shape()).containsExactly(2, 2);
        assertThat(weights.get("b/q").reshape(-1).toFloatVector()).containsExactly(-1f, -0.5f, 63f, 126.5f);
        assertThat(weights.get("c/q16").getFloat(1)).isCloseTo(67.535f, within(1e-4f));
    }

    @Test
    void refusesAManifestThatDoesNotAccountForEveryByte() throws IOException {
        Files.write(dir.resolve("m.bin"), new byte[12]);
        Files.writeString(dir.resolve("m-weights_manifest.json"), """
                [{"paths": ["m.bin"], "weights": [{"name": "w", "shape": [2], "dtype": "float32"}]}]
                """);

        assertThatThrownBy(() -> TfjsWeights.load(dir, "m")).hasMessageContaining("left over");
    }
}
