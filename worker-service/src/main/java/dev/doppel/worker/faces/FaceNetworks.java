package dev.doppel.worker.faces;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.doppel.pipeline.face.FaceExtractor;
import dev.doppel.pipeline.face.FaceModels;
import dev.doppel.worker.WorkerProperties;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * A pool of face-network instances (detector, landmarks, recognition), loaded from the weights
 * packaged in the pipeline jar on first use, so a worker that only trains never pays for them.
 * SameDiff graphs must not be shared between threads, so each running extract or convert job
 * borrows an instance of its own; the pool grows to as many as run at once (each is small: about
 * 12 MB of weights) and keeps them for the next job.
 */
@Component
public class FaceNetworks {

    /** One job's own networks; closing returns them to the pool. */
    public final class Lease implements AutoCloseable {

        private final FaceModels models;
        private final FaceExtractor extractor;
        private boolean returned;

        private Lease(FaceModels models) {
            this.models = models;
            this.extractor = new FaceExtractor(models);
        }

        public FaceModels models() {
            return models;
        }

        public FaceExtractor extractor() {
            return extractor;
        }

        @Override
        public void close() {
            synchronized (FaceNetworks.this) {
                if (!returned) {
                    returned = true;
                    idle.push(models);
                }
            }
        }
    }

    private final Path cache;
    private final Deque<FaceModels> idle = new ArrayDeque<>();
    private final List<FaceModels> all = new ArrayList<>();
    private final AtomicInteger loaded = new AtomicInteger();

    FaceNetworks(WorkerProperties worker) {
        this.cache = worker.scratchDir().resolve("face-models");
    }

    public Lease borrow() {
        FaceModels models;
        synchronized (this) {
            models = idle.poll();
        }
        if (models == null) {
            models = load();
        }
        return new Lease(models);
    }

    /** Instances loaded so far: the most jobs that used the networks at once. */
    public int instances() {
        return loaded.get();
    }

    private FaceModels load() {
        FaceModels models;
        try {
            // Each instance unpacks into its own folder: two loading at once must not share files.
            models = FaceModels.fromClasspath(cache.resolve("instance-" + loaded.incrementAndGet()));
        } catch (IOException e) {
            throw new UncheckedIOException("the face models packaged with the worker could not be loaded", e);
        }
        synchronized (this) {
            all.add(models);
        }
        return models;
    }

    @PreDestroy
    synchronized void close() throws Exception {
        for (FaceModels models : all) {
            models.close();
        }
        all.clear();
        idle.clear();
    }
}
