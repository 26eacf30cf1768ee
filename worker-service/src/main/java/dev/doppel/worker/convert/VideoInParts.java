package dev.doppel.worker.convert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.doppel.model.convert.ConvertParameters;
import dev.doppel.model.jobs.JobLedger;
import dev.doppel.model.jobs.JobRecord;
import dev.doppel.model.jobs.JobRoute;
import dev.doppel.model.jobs.NewJob;
import dev.doppel.model.media.MediaInfo;
import dev.doppel.model.storage.ObjectStore;
import dev.doppel.model.storage.StorageKeys;
import dev.doppel.pipeline.media.SegmentJoin;
import dev.doppel.pipeline.media.VideoRewrite;
import dev.doppel.pipeline.media.VideoSegments;
import dev.doppel.worker.runtime.JobContext;
import dev.doppel.worker.runtime.JobFailure;
import dev.doppel.worker.runtime.JobStopped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A long video converted by many workers at once. The parent convert job cuts the video at its
 * keyframes ({@link VideoSegments}) and submits one {@code convert-part} job per part on its
 * engine's queue, so every free worker takes one; it follows them (progress and frames a second over
 * all parts), then joins their silent videos without re-encoding, with the source's sound copied
 * once ({@link SegmentJoin}), and writes {@code swap.mp4} and the merged report once.
 * <p>
 * Parts are ordinary jobs: a part whose worker dies is retried alone by the reaper. Their ids derive
 * from the parent's, so a parent that runs again after losing its own worker finds its parts,
 * finished or not, rather than converting the video twice. When the parent ends, whichever way, the
 * ledger stops its remaining parts and lists their outputs for removal.
 */
@Component
class VideoInParts {

    /** Decoded before each part and not swapped, so face tracking runs on across the cut as through the whole video. */
    static final long WARM_UP_MICROS = 1_000_000;
    private static final long POLL_MILLIS = 500;
    private static final Logger log = LoggerFactory.getLogger(VideoInParts.class);

    private final ConvertProperties properties;
    private final JobLedger ledger;
    private final ObjectStore store;
    private final JsonMapper json;

    VideoInParts(ConvertProperties properties, JobLedger ledger, ObjectStore store, JsonMapper json) {
        this.properties = properties;
        this.ledger = ledger;
        this.store = store;
        this.json = json;
    }

    /**
     * The parts of a video this worker converts in parts: empty for a video no longer than a part, one
     * whose sound cannot go into MP4 as it is (it is re-encoded, which a whole conversion does), or one
     * whose keyframes cannot be read (the whole conversion says what is wrong with it).
     */
    Optional<List<VideoRewrite.Window>> plan(JobContext context, MediaInfo info, Path input) {
        if (!properties.splits() || info.durationMillis() <= properties.segmentLength().toMillis()) {
            return Optional.empty();
        }
        context.progress().report("planning parts", 0.02);
        try {
            if (!SegmentJoin.canJoinPartsOf(input)) {
                log.info("Job {}: converting the video whole, as its sound has to be re-encoded for MP4", context.jobId());
                return Optional.empty();
            }
            List<VideoRewrite.Window> windows = VideoSegments.plan(input, properties.segmentLength().toNanos() / 1000, WARM_UP_MICROS);
            log.info("Job {}: {} s of video in {} parts", context.jobId(), info.durationMillis() / 1000.0, windows.size());
            return windows.size() > 1 ? Optional.of(windows) : Optional.empty();
        } catch (IOException e) {
            log.info("Job {}: converting the video whole, as its keyframes could not be read: {}", context.jobId(), e.getMessage());
            return Optional.empty();
        }
    }

    void convert(JobContext context, ConvertParameters parameters, Path input, MediaInfo info, List<VideoRewrite.Window> windows)
            throws Exception {
        UUID parent = context.jobId();
        List<UUID> parts = submit(context, windows);
        try {
            long started = System.nanoTime();
            List<JobRecord> finished = await(context, parts, windows, info.durationMillis() * 1000, started);
            join(context, parameters, input, windows, finished, started);
        } catch (JobStopped stopped) {
            // A worker shutting down, or a lease lost, hands the parent on with its parts still running.
            if (stopped.reason() == JobStopped.Reason.CANCELLED) {
                ledger.retireParts(context.tenantId(), parent);
            }
            throw stopped;
        } catch (Exception e) {
            ledger.retireParts(context.tenantId(), parent);
            throw e;
        }
        context.atSuccess(() -> ledger.retireParts(context.tenantId(), parent));
    }

    private List<UUID> submit(JobContext context, List<VideoRewrite.Window> windows) {
        UUID parent = context.jobId();
        int maxAttempts = ledger.find(parent).map(JobRecord::maxAttempts).orElseThrow();
        JobRoute route = JobRoute.of(ConvertPartParameters.KIND, context.lease().route().engine());
        JsonNode parameters = context.parameters();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            UUID id = partId(parent, windows.get(i));
            ObjectNode partParameters = ConvertPartParameters.of(parameters, parent, i, windows.size(), windows.get(i));
            ledger.submitPart(new NewJob(id, context.tenantId(), route, json.writeValueAsString(partParameters), null, maxAttempts), parent);
            ids.add(id);
        }
        context.metric("parts", windows.size());
        return ids;
    }

    /**
     * Named by its window, not its number: a parent that runs again on a worker set to another
     * segment length plans other windows, and must not take a part of the old plan for one of its own.
     */
    static UUID partId(UUID parent, VideoRewrite.Window window) {
        String name = parent + "/part/" + window.warmUpMicros() + "/" + window.startMicros() + "/" + window.endMicros();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** Follows the parts until all have succeeded; fails with the first part that failed. */
    private List<JobRecord> await(JobContext context, List<UUID> ids, List<VideoRewrite.Window> windows, long durationMicros,
            long started) throws InterruptedException {
        double[] weights = weights(windows, durationMicros);
        while (true) {
            context.cancellation().throwIfStopped();
            Map<UUID, JobRecord> byId = ledger.parts(context.jobId()).stream().collect(Collectors.toMap(JobRecord::id, Function.identity()));
            List<JobRecord> parts = new ArrayList<>();
            double done = 0;
            long frames = 0;
            int succeeded = 0;
            for (int i = 0; i < ids.size(); i++) {
                JobRecord part = byId.get(ids.get(i));
                if (part == null) {
                    throw new IllegalStateException("part " + ids.get(i) + " of job " + context.jobId() + " is not in the ledger");
                }
                parts.add(part);
                switch (part.state()) {
                    case SUCCEEDED -> {
                        succeeded++;
                        done += weights[i];
                    }
                    case FAILED -> throw new JobFailure(part.errorType(), "Part " + (i + 1) + " of " + ids.size() + " (" + span(windows.get(i))
                            + ") failed: " + part.errorDetail());
                    case CANCELLED -> throw partCancelled(context, i, ids.size());
                    case QUEUED, RUNNING -> done += weights[i] * part.progress();
                }
                frames += json.readTree(part.metricsJson()).path("framesDone").asLong(0);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            context.metric("partsDone", succeeded);
            context.metric("framesDone", frames);
            context.metric("framesPerSecond", seconds > 0 ? frames / seconds : 0);
            context.progress().report("converting frames in " + ids.size() + " parts", 0.05 + 0.85 * done);
            if (succeeded == ids.size()) {
                return parts;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The request that cancels the parent cancels its parts in the same transaction: that is no failure of theirs. */
    private RuntimeException partCancelled(JobContext context, int part, int parts) {
        if (ledger.find(context.jobId()).map(JobRecord::cancelRequested).orElse(false)) {
            return new JobStopped(JobStopped.Reason.CANCELLED);
        }
        return new JobFailure("part-cancelled", "Part " + (part + 1) + " of " + parts + " of this video was cancelled, so the parts cannot be "
                + "joined; convert the video again.");
    }

    private void join(JobContext context, ConvertParameters parameters, Path input, List<VideoRewrite.Window> windows, List<JobRecord> parts,
            long started) throws IOException {
        context.progress().report("joining parts", 0.9);
        Path folder = Files.createDirectories(context.scratch().resolve("parts"));
        List<Path> videos = new ArrayList<>();
        List<JsonNode> reports = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Map<String, String> files = files(parts.get(i));
            Path video = folder.resolve("part-" + i + ".mp4");
            store.download(files.get("part.mp4"), video);
            videos.add(video);
            try (InputStream report = store.open(files.get("report.json"))) {
                reports.add(json.readTree(report));
            }
        }
        Path output = context.scratch().resolve("swap.mp4");
        SegmentJoin.Joined joined;
        try {
            joined = SegmentJoin.join(input, videos, output, ConversionSetup.provenance(parameters), context.cancellation());
        } catch (IOException e) {
            throw new JobFailure("parts-unjoinable", "The " + parts.size() + " converted parts of upload " + parameters.mediaId()
                    + " could not be joined: " + e.getMessage());
        }
        ObjectNode report = PartReports.merge(reports);
        long partFrames = report.path("summary").path("frames").asLong();
        if (partFrames != joined.frames()) {
            Files.deleteIfExists(output);
            throw new JobFailure("parts-unjoinable", "The parts of upload " + parameters.mediaId() + " converted " + partFrames
                    + " frames, but joined into " + joined.frames() + "; nothing was written.");
        }
        if (report.path("summary").path("facesSwapped").asLong() == 0) {
            Files.deleteIfExists(output);
            throw ConvertHandler.noFaces(parameters, "any of the video's " + joined.frames() + " frames");
        }
        report.path("summary").properties().forEach(entry -> context.metric(entry.getKey(), json.treeToValue(entry.getValue(), Object.class)));
        context.metric("framesDone", joined.frames());
        context.metric("framesPerSecond", joined.frames() / ((System.nanoTime() - started) / 1e9));
        context.metric("partsDone", parts.size());
        context.metric("framesDetected", parts.stream().mapToLong(part -> json.readTree(part.metricsJson()).path("framesDetected").asLong()).sum());
        context.metric("millisPerFrame", millisPerFrame(parts));
        context.metric("audio", joined.audioCopied() ? "copied " + joined.audioCodec() : "none");
        context.progress().report("storing result", 0.96);
        context.writeOutput("swap.mp4", output, "video/mp4");
        context.writeOutput("report.json", json.writeValueAsBytes(report), "application/json");
        lastPreview(context, parts).ifPresent(png -> context.publishPreview("swap.png", png));
    }

    private Map<String, String> files(JobRecord part) {
        Map<String, String> keys = new HashMap<>();
        json.readTree(part.resultJson()).path("files").forEach(file -> keys.put(file.path("name").asString(), file.path("key").asString()));
        if (!keys.containsKey("part.mp4") || !keys.containsKey("report.json")) {
            throw new IllegalStateException("part " + part.id() + " succeeded without part.mp4 and report.json: " + keys.keySet());
        }
        return keys;
    }

    /** Each step's time a frame over all parts: the parts' own, weighted by their frames. */
    private Map<String, Double> millisPerFrame(List<JobRecord> parts) {
        Map<String, Double> total = new LinkedHashMap<>();
        long frames = 0;
        for (JobRecord part : parts) {
            JsonNode metrics = json.readTree(part.metricsJson());
            long partFrames = metrics.path("frames").asLong();
            frames += partFrames;
            metrics.path("millisPerFrame").properties().forEach(step -> total.merge(step.getKey(), step.getValue().asDouble() * partFrames, Double::sum));
        }
        long all = Math.max(1, frames);
        total.replaceAll((step, sum) -> sum / all);
        return total;
    }

    /** The preview of the last part that swapped a face, as the whole conversion shows its last swapped frame. */
    private Optional<byte[]> lastPreview(JobContext context, List<JobRecord> parts) throws IOException {
        for (int i = parts.size() - 1; i >= 0; i--) {
            JobRecord part = parts.get(i);
            if (part.previewsJson() != null && part.previewsJson().contains("swap.png")) {
                try (InputStream png = store.open(StorageKeys.jobPreview(context.tenantId(), part.id(), "swap.png"))) {
                    return Optional.of(png.readAllBytes());
                }
            }
        }
        return Optional.empty();
    }

    private static double[] weights(List<VideoRewrite.Window> windows, long durationMicros) {
        double[] weights = new double[windows.size()];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            long start = Math.max(0, windows.get(i).startMicros());
            long end = Math.min(Math.max(start + 1, durationMicros), windows.get(i).endMicros());
            weights[i] = Math.max(1, end - start);
            total += weights[i];
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= total;
        }
        return weights;
    }

    private static String span(VideoRewrite.Window window) {
        String from = window.startMicros() == Long.MIN_VALUE ? "the start" : String.format(java.util.Locale.ROOT, "%.1f s", window.startMicros() / 1e6);
        String to = window.endMicros() == Long.MAX_VALUE ? "the end" : String.format(java.util.Locale.ROOT, "%.1f s", window.endMicros() / 1e6);
        return "from " + from + " to " + to;
    }
}
