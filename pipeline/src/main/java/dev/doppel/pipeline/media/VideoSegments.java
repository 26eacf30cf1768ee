package dev.doppel.pipeline.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Where a long video splits into parts that workers rewrite at once: at the source's own
 * keyframes, the first keyframe at least {@code segmentMicros} after the part's start, so each
 * part's worker seeks straight to it (a part starting anywhere else would decode its whole group of
 * pictures for nothing). Only keyframes are decoded to find them.
 */
public final class VideoSegments {

    private VideoSegments() {
    }

    /**
     * @param segmentMicros the least length of a part; the last part takes what is left
     * @param warmUpMicros  how far before its start each part decodes, for what the filter carries over
     * @return the parts in order, one {@link VideoRewrite.Window#WHOLE}-like window for a video no longer than one part
     */
    public static List<VideoRewrite.Window> plan(Path source, long segmentMicros, long warmUpMicros) throws IOException {
        if (segmentMicros <= 0 || warmUpMicros < 0) {
            throw new IllegalArgumentException("segments need a positive length and a warm-up of at least 0");
        }
        List<Long> starts = new ArrayList<>();
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameGrabber grabber = VideoRewrite.open(source)) {
            if (!grabber.hasVideo()) {
                throw new IOException("no video stream in " + source.getFileName());
            }
            long partStart = Long.MIN_VALUE;
            for (Frame key = grabber.grabKeyFrame(); key != null; key = grabber.grabKeyFrame()) {
                if (key.image == null) {
                    continue;
                }
                if (partStart == Long.MIN_VALUE) {
                    partStart = key.timestamp;
                } else if (key.timestamp - partStart >= segmentMicros) {
                    starts.add(key.timestamp);
                    partStart = key.timestamp;
                }
            }
        } catch (FrameGrabber.Exception e) {
            throw new IOException("cannot read video " + source.getFileName() + ": decoding failed", e);
        }
        List<VideoRewrite.Window> windows = new ArrayList<>();
        long start = Long.MIN_VALUE;
        for (long next : starts) {
            windows.add(window(start, next, warmUpMicros));
            start = next;
        }
        windows.add(window(start, Long.MAX_VALUE, warmUpMicros));
        return windows;
    }

    private static VideoRewrite.Window window(long start, long end, long warmUpMicros) {
        long warmUp = start == Long.MIN_VALUE ? Long.MIN_VALUE : Math.max(0, start - warmUpMicros);
        return new VideoRewrite.Window(warmUp, start, end);
    }
}
