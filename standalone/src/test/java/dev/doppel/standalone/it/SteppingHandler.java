package dev.doppel.standalone.it;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import dev.doppel.model.jobs.JobKind;
import dev.doppel.worker.runtime.JobContext;
import dev.doppel.worker.runtime.JobHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A job kind of the tests' own, shaped like a long stage with deterministic timing for runtime
 * tests: timed steps, a safe point, progress and a metric per step, a checkpoint it resumes from,
 * and a preview image. Being one handler bean and nothing else, it also shows that a new kind needs
 * no edits to the worker's runtime; tests submit it through the ledger, since the API has no job
 * type for it.
 */
@Component
class SteppingHandler implements JobHandler<JsonNode> {

    static final JobKind KIND = JobKind.of("stepping");

    private static final String CHECKPOINT = "step";

    @Override
    public JobKind kind() {
        return KIND;
    }

    @Override
    public JsonNode parse(JsonNode parameters) {
        if (!parameters.has("steps")) {
            throw new IllegalArgumentException("Parameter 'steps' is required.");
        }
        return parameters;
    }

    @Override
    public void run(JobContext context, JsonNode parameters) throws Exception {
        step(context);
    }

    private static void step(JobContext context) throws Exception {
        JsonNode parameters = context.parameters();
        int steps = parameters.path("steps").asInt(10);
        long stepMillis = parameters.path("stepMillis").asLong(100);
        int resumedFrom = context.loadCheckpoint(CHECKPOINT).map(SteppingHandler::readStep).orElse(0);
        Path checkpoint = context.scratch().resolve(CHECKPOINT);
        for (int step = resumedFrom + 1; step <= steps; step++) {
            context.cancellation().throwIfStopped();
            Thread.sleep(stepMillis);
            Files.writeString(checkpoint, Integer.toString(step));
            context.saveCheckpoint(CHECKPOINT, checkpoint);
            context.progress().report("step " + step + "/" + steps, (double) step / steps);
            context.metric("step", step);
            if (step % 4 == 0) {
                context.publishPreview("latest.png", preview(step));
            }
        }
        context.metric("resumedFrom", resumedFrom);
        context.writeOutput("steps.txt", ("ran to step " + steps + " on attempt " + context.attempt() + ", resumed from step "
                + resumedFrom).getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    private static int readStep(Path file) {
        try {
            return Integer.parseInt(Files.readString(file).trim());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] preview(int step) throws java.io.IOException {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(step * 10 % 256, 80, 160));
        g.fillRect(0, 0, 64, 64);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
