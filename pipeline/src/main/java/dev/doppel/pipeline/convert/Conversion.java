package dev.doppel.pipeline.convert;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.doppel.pipeline.face.FaceExtractor;
import dev.doppel.pipeline.face.FaceModels;
import dev.doppel.pipeline.face.FaceTracker;
import dev.doppel.pipeline.face.LocatedFace;
import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.pipeline.media.VideoRewrite;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;
import dev.doppel.pipeline.stage.StageTimes;
import dev.doppel.pipeline.family.FaceTranslator;

/**
 * The convert stage on one photo or video: detect and landmark every frame (smoothed over time in
 * video, against jitter), swap the chosen faces, and keep the quality report and the time each
 * step took. Frames without a face pass through unchanged.
 */
public final class Conversion {

    /** A video is measured about once a second: the report needs a sample, not every frame. */
    static final long MEASURE_EVERY_MICROS = 1_000_000;

    private final FaceExtractor extractor;
    private final FrameSwapper swapper;
    private final boolean watermark;
    private final StageTimes times = new StageTimes();
    private final QualityReport report = new QualityReport();
    private BufferedImage lastSwapped;

    public Conversion(FaceModels faces, FaceTranslator model, SwapOptions options, boolean watermark) {
        this.extractor = new FaceExtractor(faces);
        this.swapper = new FrameSwapper(faces, model, options, times);
        this.watermark = watermark;
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
        FaceTracker tracker = new FaceTracker();
        long[] nextMeasure = {0};
        long started = System.nanoTime();
        long before = times.totalNanos();
        VideoRewrite.Result result = VideoRewrite.rewrite(source, target, encoding, provenance, (index, micros, frame) -> {
            RgbImage image = RgbImage.of(frame);
            List<LocatedFace> located = tracker.update(extractor.locate(image, times), micros / 1e6);
            boolean measure = !located.isEmpty() && micros >= nextMeasure[0];
            FrameSwapper.Result swapped = swapper.swap(index, image, located, measure);
            if (measure) {
                nextMeasure[0] = micros + MEASURE_EVERY_MICROS;
            }
            report.frame(swapped);
            if (swapped.facesSwapped() == 0) {
                return watermark ? finish(image) : frame;
            }
            lastSwapped = finish(swapped.image());
            return lastSwapped;
        }, progress, cancellation);
        // Whatever the frame work did not take went to decoding, encoding and muxing.
        times.add("decode+encode", System.nanoTime() - started - (times.totalNanos() - before));
        return result;
    }

    private BufferedImage finish(RgbImage image) {
        BufferedImage out = image.toImage();
        if (watermark) {
            Watermark.stamp(out);
        }
        return out;
    }
}
