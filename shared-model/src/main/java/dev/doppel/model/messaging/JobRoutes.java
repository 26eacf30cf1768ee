package dev.doppel.model.messaging;

import java.util.Set;

import dev.doppel.model.jobs.JobRoute;

/**
 * Routes a service needs queues for: the API every route a job it accepts can take, a worker the
 * routes it consumes. {@link JobTopology} declares the union, so one JVM running both (the
 * standalone) declares each queue once.
 */
@FunctionalInterface
public interface JobRoutes {

    Set<JobRoute> routes();
}
