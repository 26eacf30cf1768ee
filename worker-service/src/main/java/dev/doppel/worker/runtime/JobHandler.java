package dev.doppel.worker.runtime;

import java.util.Map;
import java.util.Set;

import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobRoute;
import tools.jackson.databind.JsonNode;

/**
 * Runs one kind of job: a bean per kind, found by {@link JobHandlers}. It receives the parameters
 * parsed into the record the API validated; throws {@link JobFailure} for bad input and lets
 * {@link JobStopped} pass.
 *
 * @param <P> the parameters record, shared with the API's job type
 */
public interface JobHandler<P> {

    JobKind kind();

    /** @throws IllegalArgumentException when the parameters are not valid (the job fails as invalid-parameters) */
    P parse(JsonNode parameters);

    void run(JobContext context, P parameters) throws Exception;

    /**
     * The queues this handler takes jobs from on a worker that runs {@code engines}; kinds whose work
     * runs on a network engine take only their engines' routes, so a worker never claims a job it cannot run.
     */
    default Set<JobRoute> routes(Set<String> engines) {
        return Set.of(JobRoute.of(kind()));
    }

    /**
     * The kind whose jobs split off this kind's jobs (a long video's conversion, its parts), or
     * null. A worker that takes that kind takes these too, as many at once unless set apart, so a
     * parent never waits on parts that no worker serves.
     */
    default JobKind partOf() {
        return null;
    }

    /** Throughput gauges this kind feeds: meter name to the job metric summed over running jobs. */
    default Map<String, String> throughputGauges() {
        return Map.of();
    }
}
