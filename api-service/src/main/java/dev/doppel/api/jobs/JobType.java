package dev.doppel.api.jobs;

import java.util.Set;

import dev.doppel.api.system.ApiProblem;
import dev.doppel.api.tenancy.Caller;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobRoute;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * One kind of job as the API takes it: a bean per kind, found by {@link JobTypes}. It parses the
 * parameters once into their typed record, checks them against the caller's data so that a worker
 * never starts on a job that cannot run, and says which queue the job waits in.
 *
 * @param <P> the parameters record, shared with the worker's handler
 */
public interface JobType<P> {

    JobKind kind();

    /** One sentence for clients and the console. */
    String description();

    /** @throws IllegalArgumentException naming the parameter and what is valid; becomes a 422 */
    P parse(JsonNode parameters);

    /** @throws ApiProblem (use {@link #invalid}) when the caller's data does not allow the job */
    void check(Caller caller, P parameters);

    /**
     * The parameters as the ledger keeps them: what the client sent, plus any default the worker must
     * not decide for itself (a train job's engine, which is also its queue).
     */
    default JsonNode stored(JsonNode submitted, P parameters) {
        return submitted;
    }

    /** The queue of this job; kinds that run on a network engine route by engine. */
    default JobRoute route(Caller caller, P parameters) {
        return JobRoute.of(kind());
    }

    /** Every route a job of this type may take, so that each has a queue before the first job. */
    default Set<JobRoute> routes() {
        return Set.of(JobRoute.of(kind()));
    }

    static ApiProblem invalid(String detail) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-job-parameters", "Invalid job parameters", detail);
    }
}
