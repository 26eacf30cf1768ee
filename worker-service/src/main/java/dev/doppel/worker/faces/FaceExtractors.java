package dev.doppel.worker.faces;

import java.io.IOException;
import java.io.UncheckedIOException;

import dev.doppel.pipeline.face.FaceExtractor;
import dev.doppel.pipeline.face.FaceModels;
import dev.doppel.worker.WorkerProperties;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * The face networks, loaded from the weights packaged in the pipeline jar on first use (a worker
 * that only trains never pays for them). One extraction runs at a time: SameDiff graphs are not
 * shared between threads safely, and two extractions on two cores would only take turns anyway:
 * callers hold this object's lock while they use the networks.
 */
@Component
public class FaceExtractors {

    private final WorkerProperties worker;
    private FaceModels models;
    private FaceExtractor extractor;

    FaceExtractors(WorkerProperties worker) {
        this.worker = worker;
    }

    public synchronized FaceExtractor get() {
        models();
        return extractor;
    }

    /** The networks themselves, for stages that use them beyond extraction (conversion's quality report). */
    public synchronized FaceModels models() {
        if (extractor == null) {
            try {
                models = FaceModels.fromClasspath(worker.scratchDir().resolve("face-models"));
            } catch (IOException e) {
                throw new UncheckedIOException("the face models packaged with the worker could not be loaded", e);
            }
            extractor = new FaceExtractor(models);
        }
        return models;
    }

    @PreDestroy
    synchronized void close() throws Exception {
        if (models != null) {
            models.close();
        }
    }
}
