package dev.doppel.pipeline.convert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.doppel.pipeline.media.DigitalSourceType;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.pipeline.media.SegmentJoin;
import dev.doppel.pipeline.media.VideoRewrite;
import dev.doppel.pipeline.media.VideoSegments;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;

/**
 * What cutting a long video into parts costs beside converting it: planning the parts (decoding
 * the source's keyframes) and joining the converted parts (a stream copy with the sound), on a
 * 720p clip panning across sample1 with a keyframe every 12 frames, cut into 10 s parts. The
 * parts are written by a rewrite that changes nothing (x264 ultrafast), the peer in the same run:
 * a conversion costs that and the swap on top. A measurement, not a test: run {@code ./mvnw -B -o -q -pl pipeline -Pbench
 * -DskipTests test-compile exec:exec@segment-benchmark} (the clip's length in seconds as its
 * argument, 60 by default).
 */
public final class SegmentBenchmark {

    private static final long PART_MICROS = 10_000_000;
    private static final long WARM_UP_MICROS = 500_000;

    private SegmentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Path dir = Files.createTempDirectory("doppel-segment-bench");
        Provenance provenance = new Provenance(DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA, "benchmark");
        try {
            Path clip = PannedClip.write(dir.resolve("clip.mp4"), 1280, 720, seconds * PannedClip.FPS);
            long t0 = System.nanoTime();
            List<VideoRewrite.Window> plan = VideoSegments.plan(clip, PART_MICROS, WARM_UP_MICROS);
            long t1 = System.nanoTime();
            List<Path> parts = new ArrayList<>();
            for (VideoRewrite.Window window : plan) {
                Path part = dir.resolve("part" + parts.size() + ".mp4");
                VideoRewrite.rewrite(clip, part, new VideoRewrite.Encoding(23, "ultrafast"), provenance, new VideoRewrite.Output(0, 0, false),
                        window, 8, frames -> frames.stream().map(VideoRewrite.SourceFrame::image).toList(), Progress.NONE, Cancellation.NEVER);
                parts.add(part);
            }
            long t2 = System.nanoTime();
            SegmentJoin.Joined joined = SegmentJoin.join(clip, parts, dir.resolve("joined.mp4"), provenance, Cancellation.NEVER);
            long t3 = System.nanoTime();
            double plannedMs = (t1 - t0) / 1e6;
            double joinedMs = (t3 - t2) / 1e6;
            System.out.printf("720p, %d s (%d frames), %d parts of %d s: plan %.0f ms, join %.0f ms (%d frames, sound %s)%n", seconds,
                    seconds * PannedClip.FPS, plan.size(), PART_MICROS / 1_000_000, plannedMs, joinedMs, joined.frames(),
                    joined.audioCopied() ? "copied" : "none");
            double rewrite = (t2 - t1) / 1e9;
            System.out.printf("  against decoding and re-encoding the parts unchanged (%.1f s, the floor of converting them): plan + join %.1f%%%n",
                    rewrite, 100 * (plannedMs + joinedMs) / 1000 / rewrite);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }
}
