package dev.doppel.pipeline.convert;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.doppel.pipeline.face.FaceExtractor;
import dev.doppel.pipeline.face.FaceModels;
import dev.doppel.pipeline.face.FaceTracker;
import dev.doppel.pipeline.face.KeyframeLocator;
import dev.doppel.pipeline.face.LocatedFace;
import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.pipeline.media.VideoRewrite;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;
import dev.doppel.pipeline.stage.StageTimes;
import dev.doppel.pipeline.family.FaceTranslator;

/**
 * The convert stage on one photo or video: detect and landmark the faces (in video, detected on
 * keyframes, followed by their landmarks in between and smoothed over time against jitter), swap
 * the chosen faces, and keep the quality report and the time each step took. Frames without a
 * face pass through unchanged.
 */
public final class Conversion {

    /**
     * How a video is paced: the faces of {@code batchFrames} consecutive frames go through the
     * model together, and the detector runs every {@code keyframeInterval} frames.
     */
    public record VideoSettings(int batchFrames, int keyframeInterval) {

        /** Eight frames a batch: about 24 faces at three a frame, near the model's best rate per face on a CPU. */
        public static final VideoSettings DEFAULT = new VideoSettings(8, KeyframeLocator.DEFAULT_INTERVAL);
        /** Detect and swap each frame on its own: the reference the faster pacing is measured against. */
        public static final VideoSettings FRAME_BY_FRAME = new VideoSettings(1, 1);

        public VideoSettings {
            if (batchFrames < 1 || keyframeInterval < 1) {
                throw new IllegalArgumentException("batchFrames and keyframeInterval must be at least 1, were "
                        + batchFrames + " and " + keyframeInterval);
            }
        }
    }

    /** A video is measured about once a second: the report needs a sample, not every frame. */
    static final long MEASURE_EVERY_MICROS = 1_000_000;

    private final FaceModels faces;
    private final FaceExtractor extractor;
    private final FrameSwapper swapper;
    private final boolean watermark;
    private final VideoSettings video;
    private final StageTimes times = new StageTimes();
    private final QualityReport report = new QualityReport();
    private BufferedImage lastSwapped;
    private long keyframes;

    public Conversion(FaceModels faces, FaceTranslator model, SwapOptions options, boolean watermark) {
        this(faces, model, options, watermark, VideoSettings.DEFAULT);
    }

    public Conversion(FaceModels faces, FaceTranslator model, SwapOptions options, boolean watermark, VideoSettings video) {
        this.faces = faces;
        this.extractor = new FaceExtractor(faces);
        this.swapper = new FrameSwapper(faces, model, options, times);
        this.watermark = watermark;
        this.video = video;
    }

    public StageTimes times() {
        return times;
    }

    public QualityReport report() {
        return report;
    }

    /** The latest frame in which a face was swapped: a video's preview. */
    public Optional<BufferedImage> lastSwappedFrame() {
        return Optional.ofNullable(lastSwapped);
    }

    /** The photo with its faces swapped, every swap measured. */
    public BufferedImage photo(RgbImage photo) {
        FrameSwapper.Result result = swapper.swap(0, photo, extractor.locate(photo, times), true);
        report.frame(result);
        lastSwapped = finish(result.image());
        return lastSwapped;
    }

    /**
     * Rewrites the video into {@code target} with its faces swapped and the source's sound kept;
     * on failure or cancellation nothing is left at {@code target}.
     */
    public VideoRewrite.Result video(Path source, Path target, VideoRewrite.Encoding encoding, Provenance provenance,
            Progress progress, Cancellation cancellation) throws IOException {
        return video(source, target, encoding, provenance, VideoRewrite.Output.SAME, VideoRewrite.Window.WHOLE, progress, cancellation);
    }

    /**
     * One part of a video: its frames swapped into a video without sound, for {@link
     * dev.doppel.pipeline.media.SegmentJoin} to join with the other parts. The frames of the
     * window's warm-up are located and tracked but not swapped, so the landmark smoothing and the
     * keyframes run on across the cut as they would through the whole video.
     */
    public VideoRewrite.Result videoPart(Path source, Path target, VideoRewrite.Encoding encoding, Provenance provenance,
            VideoRewrite.Window window, Progress progress, Cancellation cancellation) throws IOException {
        return video(source, target, encoding, provenance, new VideoRewrite.Output(0, 0, false), window, progress, cancellation);
    }

    private VideoRewrite.Result video(Path source, Path target, VideoRewrite.Encoding encoding, Provenance provenance,
            VideoRewrite.Output output, VideoRewrite.Window window, Progress progress, Cancellation cancellation) throws IOException {
        KeyframeLocator locator = new KeyframeLocator(faces, video.keyframeInterval());
        FaceTracker tracker = new FaceTracker();
        long[] nextMeasure = {window.startMicros()};
        // The report numbers a part's frames from its own first, for whoever joins the parts to renumber.
        long[] firstKept = {-1};
        long started = System.nanoTime();
        long before = times.totalNanos();
        VideoRewrite.Result result = VideoRewrite.rewrite(source, target, encoding, provenance, output, window,
                video.batchFrames(), frames -> {
                    List<FrameSwapper.Prepared> prepared = new ArrayList<>();
                    for (VideoRewrite.SourceFrame frame : frames) {
                        RgbImage image = RgbImage.of(frame.image());
                        long micros = frame.timestampMicros();
                        List<LocatedFace> located = tracker.update(locator.locate(image, times), micros / 1e6);
                        if (!frame.kept()) {
                            continue;
                        }
                        boolean measure = !located.isEmpty() && micros >= nextMeasure[0];
                        if (measure) {
                            nextMeasure[0] = micros + MEASURE_EVERY_MICROS;
                        }
                        if (firstKept[0] < 0) {
                            firstKept[0] = frame.index();
                        }
                        prepared.add(swapper.prepare(frame.index() - firstKept[0], image, located, measure));
                    }
                    List<FrameSwapper.Result> swapped = swapper.swapAll(prepared);
                    List<BufferedImage> out = new ArrayList<>();
                    int next = 0;
                    for (VideoRewrite.SourceFrame frame : frames) {
                        if (!frame.kept()) {
                            out.add(frame.image());
                            continue;
                        }
                        FrameSwapper.Result one = swapped.get(next++);
                        report.frame(one);
                        if (one.facesSwapped() == 0) {
                            out.add(watermark ? finish(one.image()) : frame.image());
                        } else {
                            lastSwapped = finish(one.image());
                            out.add(lastSwapped);
                        }
                    }
                    return out;
                }, progress, cancellation);
        keyframes = locator.keyframes();
        // Whatever the frame work did not take went to decoding, encoding and muxing, or waiting on them.
        times.add("decode+encode", System.nanoTime() - started - (times.totalNanos() - before));
        return result;
    }

    /** Frames of the last video on which the face detector ran. */
    public long keyframes() {
        return keyframes;
    }

    private BufferedImage finish(RgbImage image) {
        BufferedImage out = image.toImage();
        if (watermark) {
            Watermark.stamp(out);
        }
        return out;
    }
}
