package dev.doppel.worker.health;

import dev.doppel.pipeline.nn.NativeHeap;
import org.nd4j.linalg.factory.Nd4j;
import org.springframework.stereotype.Component;

/**
 * ND4J, which runs the face networks on every worker and is the SameDiff engine: the oneDNN CPU
 * build by default, the CUDA build in images made with -Pcuda. Creating one array forces its natives to load, so a
 * missing or mismatched backend fails readiness instead of the first job. Its detail says whether
 * the native heap keeps freed memory (NativeHeap): an untuned worker trains about 1.5x slower.
 */
@Component
class Nd4jBackend implements ComputeBackend {

    @Override
    public String name() {
        return "nd4j";
    }

    @Override
    public String load() {
        Nd4j.create(1);
        return Nd4j.getBackend().getClass().getSimpleName() + " with " + Nd4j.getEnvironment().maxMasterThreads() + " threads; "
                + NativeHeap.describe();
    }
}
