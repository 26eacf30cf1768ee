package dev.doppel.pipeline.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;

/**
 * Re-encodes a video frame by frame through a filter (the face swap) and keeps its sound as it
 * was. Two passes: the filtered frames are encoded to a video-only MP4, then that video and the
 * source's compressed audio packets are copied into the result, so the audio is never decoded
 * and the video gets each source frame's own timestamp back. Everything is written next to the
 * target under a temporary name and moved into place only when complete.
 */
public final class VideoRewrite {

    @FunctionalInterface
    public interface FrameFilter {
        /**
         * Returns a frame of the same size; may change {@code frame} and return it, or return it
         * untouched: the frame is the filter's own.
         */
        BufferedImage apply(long index, long timestampMicros, BufferedImage frame) throws Exception;
    }

    /**
     * A decoded frame, the filter's own to change.
     *
     * @param index in decoding order from the first frame the rewrite decoded
     * @param kept  whether it is written; a frame before a {@link Window}'s start is shown to the filter only
     */
    public record SourceFrame(long index, long timestampMicros, BufferedImage image, boolean kept) {
    }

    /**
     * The part of a video a rewrite writes: the frames timed from {@code startMicros} (inclusive) to
     * {@code endMicros} (exclusive). Decoding starts at {@code warmUpMicros}, so the filter sees the
     * frames before the part as well (not kept) and can carry over what it learns from them, as a
     * conversion carries its landmark smoothing across the cut between two parts.
     * {@link Long#MIN_VALUE} for the start means from the first frame, whatever its time.
     */
    public record Window(long warmUpMicros, long startMicros, long endMicros) {

        public static final Window WHOLE = new Window(Long.MIN_VALUE, Long.MIN_VALUE, Long.MAX_VALUE);

        public Window {
            if (warmUpMicros > startMicros || startMicros >= endMicros) {
                throw new IllegalArgumentException("a window needs warm-up <= start < end, not " + warmUpMicros + ", "
                        + startMicros + ", " + endMicros);
            }
        }

        boolean whole() {
            return startMicros == Long.MIN_VALUE && endMicros == Long.MAX_VALUE;
        }

        /** Whether decoding starts with a seek rather than at the first frame. */
        boolean seeks() {
            return warmUpMicros > 0;
        }
    }

    /** A filter that takes several consecutive frames at once: a network runs faster on a batch. */
    @FunctionalInterface
    public interface BatchFilter {
        /** One frame of the same size for each of {@code frames}, in their order; may return theirs, changed or not. */
        List<BufferedImage> apply(List<SourceFrame> frames) throws Exception;
    }

    /**
     * H.264 settings. The default is x264's own: CRF 23 at preset medium. Speed is not what the
     * preset should buy here, since the swap network costs far more per frame than the encoder;
     * medium gives files about a tenth smaller than veryfast at the same quality.
     */
    public record Encoding(int crf, String preset) {

        private static final Set<String> PRESETS = Set.of("ultrafast", "superfast", "veryfast", "faster", "fast",
                "medium", "slow", "slower", "veryslow", "placebo");

        public static final Encoding DEFAULT = new Encoding(23, "medium");

        public Encoding {
            if (crf < 0 || crf > 51) {
                throw new IllegalArgumentException("crf must be 0..51, was " + crf);
            }
            if (!PRESETS.contains(preset)) {
                throw new IllegalArgumentException("unknown x264 preset " + preset + ", expected one of " + PRESETS);
            }
        }
    }

    /**
     * What the rewrite makes of the source's frames and sound: frames of another size (a video drawn
     * from another picture at the source's pace), and the sound kept or left out.
     *
     * @param width  of every frame the filter returns, even; 0 with {@code height} 0: the source's
     */
    public record Output(int width, int height, boolean sound) {

        /** The source's size and sound: a filter that changes frames in place. */
        public static final Output SAME = new Output(0, 0, true);

        public Output {
            if (width < 0 || height < 0 || width % 2 != 0 || height % 2 != 0 || (width == 0) != (height == 0)) {
                throw new IllegalArgumentException("H.264 (yuv420p) needs an even width and height, not " + width + "x" + height);
            }
        }
    }

    public record Result(long frames, double framesPerSecond, long durationMicros, int width, int height,
            boolean audioCopied, String audioCodec) {
    }

    /** Audio MP4 holds as it is; anything else (Vorbis from WebM, PCM...) is re-encoded to AAC. */
    static final Set<Integer> MP4_AUDIO = Set.of(avcodec.AV_CODEC_ID_AAC, avcodec.AV_CODEC_ID_MP3,
            avcodec.AV_CODEC_ID_OPUS, avcodec.AV_CODEC_ID_ALAC, avcodec.AV_CODEC_ID_AC3, avcodec.AV_CODEC_ID_EAC3,
            avcodec.AV_CODEC_ID_FLAC);
    private static final int REENCODED_AUDIO_BITRATE = 192_000;
    /** Frames waiting for the encoder: enough to keep it busy through a batch's swap, few enough to bound memory. */
    private static final int QUEUED_FRAMES = 8;
    /** Frames gathered for one batch hold at most this many pixels (eight 1080p frames): 4K video goes in batches of two. */
    private static final long BATCH_PIXELS = 8L * 1920 * 1080;

    private VideoRewrite() {
    }

    /**
     * Writes {@code target} only when the whole rewrite succeeded; on any failure, or when
     * {@code cancellation} throws (its exception comes out unchanged), nothing is left behind.
     *
     * @throws IOException the source is unreadable, has no video or an odd frame size, the filter
     *         failed with a checked exception, or the result could not be written
     */
    public static Result rewrite(Path source, Path target, Encoding encoding, Provenance provenance, FrameFilter filter,
            Progress progress, Cancellation cancellation) throws IOException {
        return rewrite(source, target, encoding, provenance, Output.SAME, filter, progress, cancellation);
    }

    /** As {@link #rewrite(Path, Path, Encoding, Provenance, FrameFilter, Progress, Cancellation)}, into frames of {@code output}'s size and sound. */
    public static Result rewrite(Path source, Path target, Encoding encoding, Provenance provenance, Output output, FrameFilter filter,
            Progress progress, Cancellation cancellation) throws IOException {
        Objects.requireNonNull(filter, "filter");
        return rewrite(source, target, encoding, provenance, output, 1,
                frames -> List.of(Objects.requireNonNull(filter.apply(frames.get(0).index(), frames.get(0).timestampMicros(),
                        frames.get(0).image()), "the filter returned no frame")),
                progress, cancellation);
    }

    /**
     * As {@link #rewrite(Path, Path, Encoding, Provenance, Output, FrameFilter, Progress, Cancellation)}, the
     * filter given up to {@code batchSize} consecutive frames at a time (fewer at the end, and fewer
     * of frames larger than 1080p, to bound the memory a batch holds). The
     * source's sound between them is written after them, so nothing is reordered in the result.
     */
    public static Result rewrite(Path source, Path target, Encoding encoding, Provenance provenance, Output output, int batchSize,
            BatchFilter filter, Progress progress, Cancellation cancellation) throws IOException {
        return rewrite(source, target, encoding, provenance, output, Window.WHOLE, batchSize, filter, progress, cancellation);
    }

    /**
     * As {@link #rewrite(Path, Path, Encoding, Provenance, Output, int, BatchFilter, Progress, Cancellation)}, the
     * frames of {@code window} only, each with its source timestamp. A part is written without
     * sound: the parts are joined with the source's sound copied once ({@link SegmentJoin}).
     */
    public static Result rewrite(Path source, Path target, Encoding encoding, Provenance provenance, Output output, Window window,
            int batchSize, BatchFilter filter, Progress progress, Cancellation cancellation) throws IOException {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(output, "output");
        if (!window.whole() && output.sound()) {
            throw new IllegalArgumentException("a part of a video is rewritten without its sound: Output.sound must be false");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(filter, "filter");
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        Path folder = target.toAbsolutePath().getParent();
        String name = target.getFileName().toString();
        Path videoOnly = Files.createTempFile(folder, "." + name + ".", ".video.mp4");
        Path muxed = null;
        try {
            Encoded encoded = encodeVideo(source, videoOnly, encoding, output, window, batchSize, filter, progress, cancellation);
            muxed = Files.createTempFile(folder, "." + name + ".", ".mp4");
            // Copied audio comes from the source; re-encoded audio was written beside the video in pass 1.
            Path audio = !encoded.hasAudio() ? null : encoded.audioCopied() ? source : videoOnly;
            Mp4Remux.mux(encoded.video(videoOnly), audio, muxed, provenance.containerMetadata(), cancellation);
            long duration = durationOf(muxed);
            Files.move(muxed, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            progress.report("frames", 1.0);
            return new Result(encoded.frameMicros().length, encoded.framesPerSecond(), duration, encoded.width(),
                    encoded.height(), encoded.hasAudio() && encoded.audioCopied(), encoded.audioCodec());
        } finally {
            Files.deleteIfExists(videoOnly);
            if (muxed != null) {
                Files.deleteIfExists(muxed);
            }
        }
    }

    /** What pass 1 learnt about the source and wrote to the video-only file. */
    private record Encoded(long[] frameMicros, int width, int height, double framesPerSecond, int timeBaseNum,
            int timeBaseDen, int rateNum, int rateDen, boolean hasAudio, boolean audioCopied, String audioCodec) {

        Mp4Remux.VideoInput video(Path file) {
            return new Mp4Remux.VideoInput(file, frameMicros, avutil.av_make_q(timeBaseNum, timeBaseDen),
                    avutil.av_make_q(rateNum, rateDen));
        }
    }

    private static Encoded encodeVideo(Path source, Path videoOnly, Encoding encoding, Output output, Window window, int batchSize,
            BatchFilter filter, Progress progress, Cancellation cancellation) throws IOException {
        try (FFmpegFrameGrabber grabber = open(source);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            if (!grabber.hasVideo()) {
                throw new IOException("no video stream in " + source.getFileName());
            }
            int width = output.width() > 0 ? output.width() : grabber.getImageWidth();
            int height = output.height() > 0 ? output.height() : grabber.getImageHeight();
            if (width % 2 != 0 || height % 2 != 0) {
                // H.264 in 4:2:0 needs even sides, and JavaCV's recorder widens odd widths by
                // stretching; refusing keeps "same size" a promise rather than a hope.
                throw new IOException("cannot rewrite " + source.getFileName() + ": its size " + width + "x" + height
                        + " is odd, and H.264 (yuv420p) needs an even width and height");
            }
            AVStream videoStream = grabber.getFormatContext().streams(grabber.getVideoStream());
            AVRational timeBase = videoStream.time_base();
            AVRational rate = videoStream.avg_frame_rate().num() > 0 ? videoStream.avg_frame_rate() : videoStream.r_frame_rate();
            double fps = grabber.getVideoFrameRate();
            long expected = videoStream.nb_frames() > 0 ? videoStream.nb_frames() : grabber.getLengthInVideoFrames();
            if (!window.whole() && fps > 0) {
                long first = Math.max(0, window.startMicros());
                long last = Math.min(window.endMicros(), Math.max(first + 1, grabber.getLengthInTime()));
                expected = Math.min(expected, Math.max(1, Math.round((last - first) * fps / 1e6)));
            }
            if (window.seeks()) {
                grabber.setTimestamp(window.warmUpMicros());
            }
            boolean hasAudio = output.sound() && grabber.hasAudio();
            boolean copyAudio = hasAudio && MP4_AUDIO.contains(grabber.getAudioCodec());
            boolean reencodeAudio = hasAudio && !copyAudio;
            String audioCodec = !hasAudio ? null : copyAudio ? avcodec.avcodec_get_name(grabber.getAudioCodec()).getString() : "aac";
            long[] micros = new long[(int) Math.max(16, expected + 1)];
            int count = 0;
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(videoOnly.toFile(), width, height,
                    reencodeAudio ? grabber.getAudioChannels() : 0)) {
                recorder.setFormat("mp4");
                recorder.setVideoCodecName("libx264");
                recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
                recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                // Pass 1 numbers frames at a constant rate; pass 2 puts the source's timestamps back.
                recorder.setFrameRate(fps > 0 && Double.isFinite(fps) ? fps : 25);
                recorder.setVideoBitrate(0);
                recorder.setVideoOption("crf", Integer.toString(encoding.crf()));
                recorder.setVideoOption("preset", encoding.preset());
                if (reencodeAudio) {
                    recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                    recorder.setSampleRate(grabber.getSampleRate());
                    recorder.setAudioBitrate(REENCODED_AUDIO_BITRATE);
                }
                recorder.start();
                int frames = (int) Math.max(1, Math.min(batchSize, BATCH_PIXELS / ((long) width * height)));
                Batch batch = new Batch(source, width, height, frames, filter, expected, progress);
                long decoded = 0;
                try (EncodeBehind encoder = new EncodeBehind(recorder, QUEUED_FRAMES, source.getFileName().toString())) {
                    for (Frame frame = next(grabber, reencodeAudio); frame != null; frame = next(grabber, reencodeAudio)) {
                        if (frame.image == null) {
                            if (frame.samples != null) {
                                batch.sound(frame.clone(), encoder);
                            }
                            continue;
                        }
                        cancellation.throwIfStopped();
                        if (frame.timestamp < window.warmUpMicros()) {
                            // A seek lands at or just before its time.
                            continue;
                        }
                        if (decoded == 0 && window.seeks() && frame.timestamp > window.startMicros()) {
                            throw new IOException("cannot rewrite " + source.getFileName() + " from " + window.startMicros()
                                    + " us: seeking to " + window.warmUpMicros() + " us landed at " + frame.timestamp + " us");
                        }
                        if (frame.timestamp >= window.endMicros()) {
                            break;
                        }
                        boolean kept = frame.timestamp >= window.startMicros();
                        if (kept) {
                            if (count == micros.length) {
                                micros = Arrays.copyOf(micros, count * 2);
                            }
                            micros[count++] = frame.timestamp;
                        }
                        batch.picture(new SourceFrame(decoded++, frame.timestamp, copy(converter.convert(frame)), kept), encoder);
                    }
                    batch.flush(encoder);
                    encoder.finish();
                }
                recorder.stop();
            } catch (FrameRecorder.Exception e) {
                throw new IOException("cannot encode the rewrite of " + source.getFileName() + ": " + e.getMessage(), e);
            }
            if (count == 0) {
                throw new IOException("no decodable video frame in " + source.getFileName());
            }
            return new Encoded(Arrays.copyOf(micros, count), width, height, fps, timeBase.num(), timeBase.den(),
                    rate.num(), rate.den(), hasAudio, copyAudio, audioCodec);
        } catch (FrameGrabber.Exception e) {
            throw new IOException("cannot read video " + source.getFileName() + ": decoding failed", e);
        }
    }

    private static Frame next(FFmpegFrameGrabber grabber, boolean withAudio) throws FrameGrabber.Exception {
        return withAudio ? grabber.grabFrame(true, true, true, false, false) : grabber.grabImage();
    }

    /** Frames gathered for the filter, and the sound decoded among them, held until the frames are written. */
    private static final class Batch {
        private final Path source;
        private final int width;
        private final int height;
        private final int size;
        private final BatchFilter filter;
        private final long expected;
        private final Progress progress;
        private final List<SourceFrame> frames = new ArrayList<>();
        private final List<Frame> sound = new ArrayList<>();
        private long written;

        Batch(Path source, int width, int height, int size, BatchFilter filter, long expected, Progress progress) {
            this.source = source;
            this.width = width;
            this.height = height;
            this.size = size;
            this.filter = filter;
            this.expected = expected;
            this.progress = progress;
        }

        void picture(SourceFrame frame, EncodeBehind encoder) throws IOException {
            frames.add(frame);
            if (frames.size() == size) {
                flush(encoder);
            }
        }

        void sound(Frame samples, EncodeBehind encoder) throws IOException {
            if (frames.isEmpty()) {
                encoder.sound(samples);
            } else {
                sound.add(samples);
            }
        }

        void flush(EncodeBehind encoder) throws IOException {
            if (frames.isEmpty()) {
                return;
            }
            List<BufferedImage> filtered = applyFilter();
            long kept = 0;
            for (int i = 0; i < filtered.size(); i++) {
                if (!frames.get(i).kept()) {
                    continue;
                }
                kept++;
                BufferedImage image = filtered.get(i);
                if (image.getWidth() != width || image.getHeight() != height) {
                    throw new IOException("the filter returned a " + image.getWidth() + "x" + image.getHeight() + " frame for frame "
                            + frames.get(i).index() + " of " + source.getFileName() + ", where " + width + "x" + height + " was due");
                }
                encoder.picture(bgr(image));
            }
            for (Frame samples : sound) {
                encoder.sound(samples);
            }
            written += kept;
            frames.clear();
            sound.clear();
            progress.report("frames", Math.min(1.0, written / (double) Math.max(1, expected)));
        }

        private List<BufferedImage> applyFilter() throws IOException {
            List<BufferedImage> filtered;
            try {
                filtered = Objects.requireNonNull(filter.apply(List.copyOf(frames)), "the filter returned no frames");
                long returned = filtered.stream().filter(Objects::nonNull).count();
                if (returned != frames.size()) {
                    throw new IllegalStateException("the filter returned " + returned + " frames for " + frames.size());
                }
            } catch (RuntimeException | IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("the filter failed on " + described() + " of " + source.getFileName() + ": " + e.getMessage(), e);
            }
            return filtered;
        }

        private String described() {
            long first = frames.get(0).index();
            long last = frames.get(frames.size() - 1).index();
            return first == last ? "frame " + first : "frames " + first + "-" + last;
        }
    }

    /** The converter's image is reused for the next frame; a batch needs each frame its own. */
    private static BufferedImage copy(BufferedImage image) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            image.copyData(copy.getRaster());
        } else {
            copy.getGraphics().drawImage(image, 0, 0, null);
        }
        return copy;
    }

    // Java2DFrameConverter hands TYPE_INT_RGB to the encoder with its channels mixed up; 3-byte
    // BGR is the layout FFmpeg takes as it is.
    private static BufferedImage bgr(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return image;
        }
        BufferedImage bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(image, 0, 0, null);
        return bgr;
    }

    private static long durationOf(Path video) throws IOException {
        try (FFmpegFrameGrabber grabber = open(video)) {
            return grabber.getLengthInTime();
        }
    }

    /** Opens a local media file; a file FFmpeg cannot make sense of gives a message naming it, not FFmpeg's. */
    static FFmpegFrameGrabber open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such video: " + file.getFileName());
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setOption("protocol_whitelist", "file");
        try {
            grabber.start();
            return grabber;
        } catch (FrameGrabber.Exception e) {
            grabber.close();
            throw new IOException("cannot read video " + file.getFileName() + ": not a media file FFmpeg can open", e);
        }
    }
}
