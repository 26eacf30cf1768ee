package dev.doppel.standalone.it;

import java.util.UUID;

import dev.doppel.api.tenancy.ApiKeys;
import dev.doppel.model.jobs.JobRoute;
import dev.doppel.model.jobs.JobLedger;
import dev.doppel.model.jobs.NewJob;

/** Submits {@link SteppingHandler} jobs through the ledger: the API has no job type for the tests' own kind. */
final class SteppingJobs {

    private SteppingJobs() {
    }

    static UUID submit(RunningDoppel doppel, int steps, long stepMillis) {
        var caller = doppel.bean(ApiKeys.class).authenticate(doppel.apiKey).orElseThrow();
        UUID id = UUID.randomUUID();
        doppel.bean(JobLedger.class).submit(new NewJob(id, caller.tenantId(), JobRoute.of(SteppingHandler.KIND),
                "{\"steps\":" + steps + ",\"stepMillis\":" + stepMillis + "}", caller.apiKeyId(), 3));
        return id;
    }
}
