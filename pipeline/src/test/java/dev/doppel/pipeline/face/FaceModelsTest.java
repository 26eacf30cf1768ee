package dev.doppel.pipeline.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceModelsTest {

    @Test
    void loadsThePackagedWeightsThroughACacheFolderAndCopiesThemOnce(@TempDir Path cache) throws IOException {
        try (FaceModels models = FaceModels.fromClasspath(cache)) {
            assertThat(models.detector().detect(FaceApiAssets.photo("sample1"))).hasSize(3);
        }
        assertThat(cache.resolve("ssd_mobilenetv1_model.bin")).hasSize(Files.size(FaceApiAssets.models().resolve("ssd_mobilenetv1_model.bin")));
        try (var files = Files.list(cache)) {
            assertThat(files.map(f -> f.getFileName().toString())).hasSize(6).noneMatch(name -> name.endsWith(".part"));
        }

        Path kept = cache.resolve("face_recognition_model.bin");
        FileTime marked = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(kept, marked);
        Path truncated = cache.resolve("face_landmark_68_model.bin");
        Files.write(truncated, new byte[10]);

        FaceModels.fromClasspath(cache).close();

        assertThat(Files.getLastModifiedTime(kept)).isEqualTo(marked);
        assertThat(truncated).hasSize(Files.size(FaceApiAssets.models().resolve("face_landmark_68_model.bin")));
    }

    @Test
    void refusesUseOnceClosed() throws IOException {
        FaceModels models = FaceModels.load(FaceApiAssets.models());
        models.close();
        assertThatThrownBy(models::detector).isInstanceOf(IllegalStateException.class);
    }
}
