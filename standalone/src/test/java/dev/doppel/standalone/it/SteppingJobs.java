package dev.doppel.standalone.it;

import java.util.UUID;

import dev.doppel.api.tenancy.ApiKeys;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobLedger;
import dev.doppel.model.jobs.NewJob;

/** Submits {@link SteppingHandler} jobs through the ledger, as the API will once training lands. */
final class SteppingJobs {

    private SteppingJobs() {
    }

    static UUID submit(RunningDoppel doppel, int steps, long stepMillis) {
        var caller = doppel.bean(ApiKeys.class).authenticate(doppel.apiKey).orElseThrow();
        UUID id = UUID.randomUUID();
        doppel.bean(JobLedger.class).submit(new NewJob(id, caller.tenantId(), JobKind.CONVERT,
                "{\"steps\":" + steps + ",\"stepMillis\":" + stepMillis + "}", caller.apiKeyId(), 3));
        return id;
    }
}
