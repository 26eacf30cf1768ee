package dev.doppel.worker.health;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.doppel.worker.models.WorkerModels;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Part of the worker's readiness group: a worker whose natives do not load (wrong image, missing
 * GPU driver) must not be counted as capacity. A backend that loaded once stays loaded for the life
 * of the JVM, so its version is remembered and later checks cost nothing.
 */
@Component
class ComputeBackendHealthIndicator extends AbstractHealthIndicator {

    private final List<ComputeBackend> backends;
    private final Map<String, String> loaded = new ConcurrentHashMap<>();

    private final WorkerModels models;

    ComputeBackendHealthIndicator(List<ComputeBackend> backends, WorkerModels models) {
        super("Compute backend check failed");
        this.backends = backends;
        this.models = models;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("engines", models.engines());
        builder.withDetail("models", models.registry().keys());
        boolean allLoaded = true;
        for (ComputeBackend backend : backends) {
            try {
                builder.withDetail(backend.name(), loaded.computeIfAbsent(backend.name(), name -> backend.load()));
            } catch (RuntimeException | LinkageError e) {
                allLoaded = false;
                builder.withDetail(backend.name(), "not loaded: " + e.getMessage());
            }
        }
        if (allLoaded) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
