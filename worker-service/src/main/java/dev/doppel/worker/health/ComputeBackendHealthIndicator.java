package dev.doppel.worker.health;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    ComputeBackendHealthIndicator(List<ComputeBackend> backends) {
        super("Compute backend check failed");
        this.backends = backends;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
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
