package dev.doppel.standalone.it;

import java.nio.charset.StandardCharsets;

import dev.doppel.model.jobs.JobKind;
import dev.doppel.worker.runtime.JobContext;
import dev.doppel.worker.runtime.JobHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Stands in for the training stage until it lands: a loop of timed steps with a safe point, a
 * progress report and a metric per step, which is the shape the runtime must serve (cancel at the
 * next step, hand back the lease on shutdown, stream progress). Its kind is TRAIN, which the API
 * does not accept yet, so tests submit these jobs through the ledger.
 */
@Component
class SteppingHandler implements JobHandler {

    @Override
    public JobKind kind() {
        return JobKind.TRAIN;
    }

    @Override
    public void run(JobContext context) throws Exception {
        JsonNode parameters = context.parameters();
        int steps = parameters.path("steps").asInt(10);
        long stepMillis = parameters.path("stepMillis").asLong(100);
        for (int step = 1; step <= steps; step++) {
            context.cancellation().throwIfStopped();
            Thread.sleep(stepMillis);
            context.progress().report("step " + step + "/" + steps, (double) step / steps);
            context.metric("step", step);
        }
        context.writeOutput("steps.txt", ("ran " + steps + " steps on attempt " + context.attempt()).getBytes(StandardCharsets.UTF_8),
                "text/plain");
    }
}
