package dev.doppel.worker;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import java.util.stream.Collectors;


import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param id           names this worker in job leases; defaults to the JVM's pid@host
 * @param kinds        job kinds this worker takes (GPU pods may take only train and convert); empty takes every kind it has a handler for
 * @param engines      network engines this worker runs ({@code samediff}, {@code pytorch}): it consumes only their queues
 * @param concurrency  jobs of each kind run at once; unset kinds run one at a time
 * @param drainTimeout how long SIGTERM waits for running jobs to checkpoint and hand back their lease
 */
@Validated
@ConfigurationProperties("doppel.worker")
public record WorkerProperties(
        String id,
        Set<String> kinds,
        @DefaultValue("samediff") Set<String> engines,
        Map<String, Integer> concurrency,
        Path scratchDir,
        @DefaultValue("60s") Duration drainTimeout) {

    public WorkerProperties {
        id = id == null || id.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : id;
        // Kinds were upper-case enum names once (DOPPEL_WORKER_KINDS=TRAIN): such settings still mean the same.
        kinds = kinds == null ? Set.of() : kinds.stream().map(WorkerProperties::lower).collect(Collectors.toUnmodifiableSet());
        engines = engines == null || engines.isEmpty() ? Set.of("samediff")
                : engines.stream().map(WorkerProperties::lower).collect(Collectors.toUnmodifiableSet());
        Map<String, Integer> perKind = new TreeMap<>();
        if (concurrency != null) {
            concurrency.forEach((kind, count) -> perKind.put(lower(kind), count));
        }
        concurrency = Map.copyOf(perKind);
        scratchDir = scratchDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "doppel-worker") : scratchDir;
    }

    private static String lower(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    public int concurrencyOf(String kind) {
        return Math.max(1, concurrency.getOrDefault(kind, 1));
    }
}
