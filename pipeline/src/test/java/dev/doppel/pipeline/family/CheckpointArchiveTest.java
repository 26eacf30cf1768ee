package dev.doppel.pipeline.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointArchiveTest {

    @Test
    void aFolderPacksStoredAndUnpacksByteForByte(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("model"));
        byte[] weights = new byte[3 << 20];
        new Random(7).nextBytes(weights);
        Files.write(folder.resolve("weights.bin"), weights);
        Files.writeString(Files.createDirectories(folder.resolve("nested")).resolve("manifest.json"), "{\"formatVersion\":2}");
        Files.write(folder.resolve("empty.bin"), new byte[0]);

        CheckpointArchive.pack(folder, dir.resolve("model.zip"));
        CheckpointArchive.unpack(dir.resolve("model.zip"), dir.resolve("unpacked"));

        assertThat(Files.readAllBytes(dir.resolve("unpacked/weights.bin"))).isEqualTo(weights);
        assertThat(Files.readString(dir.resolve("unpacked/nested/manifest.json"))).isEqualTo("{\"formatVersion\":2}");
        assertThat(Files.size(dir.resolve("unpacked/empty.bin"))).isZero();
        List<Integer> methods = new ArrayList<>();
        try (ZipFile zip = new ZipFile(dir.resolve("model.zip").toFile())) {
            zip.stream().forEach(entry -> methods.add(entry.getMethod()));
        }
        assertThat(methods).hasSize(3).containsOnly(ZipEntry.STORED);
    }

    @Test
    void anEntryThatWouldLandOutsideTheFolderIsRefused(@TempDir Path dir) throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve("evil.zip")); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("../escaped.txt"));
            zip.write(1);
            zip.closeEntry();
        }
        assertThatThrownBy(() -> CheckpointArchive.unpack(dir.resolve("evil.zip"), dir.resolve("unpacked")))
                .hasMessage("checkpoint entry escapes its folder: ../escaped.txt");
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
    }
}
