package dev.doppel.pipeline.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The heap settings live in three places that must agree: here, the parent pom (benchmarks) and the worker image. */
class NativeHeapTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void benchmarksAndTheWorkerImageStartWithTheSameTunables() throws IOException {
        assertThat(Files.readString(ROOT.resolve("pom.xml")))
                .contains("<native-heap.tunables>" + NativeHeap.TUNABLES + "</native-heap.tunables>");
        assertThat(Files.readString(ROOT.resolve("Dockerfile.worker"))).contains("ENV GLIBC_TUNABLES=" + NativeHeap.TUNABLES + "\n");
    }
}
