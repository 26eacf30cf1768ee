package dev.doppel.worker;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import dev.doppel.model.jobs.JobKind;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param id           names this worker in job leases; defaults to the JVM's pid@host
 * @param kinds        job kinds this worker takes (GPU pods may take only train and convert)
 * @param concurrency  jobs of each kind run at once; unset kinds run one at a time
 * @param drainTimeout how long SIGTERM waits for running jobs to checkpoint and hand back their lease
 */
@Validated
@ConfigurationProperties("doppel.worker")
public record WorkerProperties(
        String id,
        Set<JobKind> kinds,
        Map<JobKind, Integer> concurrency,
        Path scratchDir,
        @DefaultValue("60s") Duration drainTimeout) {

    public WorkerProperties {
        id = id == null || id.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : id;
        kinds = kinds == null || kinds.isEmpty() ? EnumSet.allOf(JobKind.class) : EnumSet.copyOf(kinds);
        concurrency = concurrency == null ? new EnumMap<>(JobKind.class) : new EnumMap<>(concurrency);
        scratchDir = scratchDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "doppel-worker") : scratchDir;
    }

    public int concurrencyOf(JobKind kind) {
        return Math.max(1, concurrency.getOrDefault(kind, 1));
    }
}
