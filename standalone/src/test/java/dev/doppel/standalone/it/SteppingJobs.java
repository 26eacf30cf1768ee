package dev.doppel.standalone.it;

import java.util.UUID;

import dev.doppel.api.tenancy.ApiKeys;
import dev.doppel.api.tenancy.Caller;
import dev.doppel.model.jobs.JobRoute;
import dev.doppel.model.jobs.JobLedger;
import dev.doppel.model.jobs.NewJob;

/** Submits {@link SteppingHandler} jobs through the ledger: the API has no job type for the tests' own kind. */
final class SteppingJobs {

    private SteppingJobs() {
    }

    static UUID submit(RunningDoppel doppel, int steps, long stepMillis) {
        return submit(doppel, doppel.bean(ApiKeys.class).authenticate(doppel.apiKey).orElseThrow(),
                "{\"steps\":" + steps + ",\"stepMillis\":" + stepMillis + "}");
    }

    /** A stepping job of {@code caller}'s tenant with parameters of the test's choosing (naming a face set, say). */
    static UUID submit(RunningDoppel doppel, Caller caller, String parametersJson) {
        UUID id = UUID.randomUUID();
        doppel.bean(JobLedger.class).submit(new NewJob(id, caller.tenantId(), JobRoute.of(SteppingHandler.KIND), parametersJson,
                caller.apiKeyId(), 3));
        return id;
    }
}
