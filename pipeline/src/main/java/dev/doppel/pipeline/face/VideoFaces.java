package dev.doppel.pipeline.face;

import dev.doppel.pipeline.image.RgbImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;

/**
 * Faces from a video: decode, keep the sampled frames, locate their faces a few frames at a time,
 * track faces between them and smooth their landmarks (less jitter in the aligned crops, a complaint users of face-swap tools keep filing), then extract.
 */
public final class VideoFaces {

    private record Sampled(long index, long micros) {
    }

    private VideoFaces() {
    }

    public static void extract(Path video, FrameSampling sampling, FaceExtractor extractor, AlignmentOptions options,
            Progress progress, Cancellation cancellation, FrameFaces consumer) throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.setOption("protocol_whitelist", "file");
            grabber.start();
            long frames = Math.max(1, grabber.getLengthInVideoFrames());
            FaceTracker tracker = new FaceTracker();
            LocatingBatch<Sampled> batch = new LocatingBatch<>(extractor, (frame, image, located) -> {
                List<LocatedFace> smoothed = tracker.update(located, frame.micros() / 1e6);
                consumer.accept(frame.index(), frame.micros() / 1000, image, extractor.extract(image, options, smoothed));
            });
            long lastSlot = Long.MIN_VALUE;
            long index = 0;
            for (Frame frame = grabber.grabImage(); frame != null; frame = grabber.grabImage(), index++) {
                cancellation.throwIfStopped();
                long micros = frame.timestamp;
                long slot = sampling.slot(index, micros);
                if (slot != lastSlot) {
                    lastSlot = slot;
                    batch.add(new Sampled(index, micros), RgbImage.of(converter.convert(frame)));
                }
                progress.report("faces", Math.min(1.0, (index + 1) / (double) frames));
            }
            batch.flush();
            progress.report("faces", 1.0);
        } catch (FrameGrabber.Exception e) {
            throw new IOException("cannot read video " + video.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
