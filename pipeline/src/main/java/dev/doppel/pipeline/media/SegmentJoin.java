package dev.doppel.pipeline.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avutil.av_compare_ts;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;

import dev.doppel.pipeline.stage.Cancellation;

/**
 * Joins the parts of a video rewritten one {@link VideoRewrite.Window} each (on as many workers)
 * into one MP4 without re-encoding: the parts' video packets in order, with the source's own
 * timestamps they carry, and the source's sound copied once. Every part must have been encoded
 * alike (same size and H.264 parameter sets), which the same encoding settings give; the result is
 * written under a temporary name and moved into place only when complete.
 */
public final class SegmentJoin {

    /** What was joined: frames, the result's duration, and the sound's codec as copied (null without sound). */
    public record Joined(long frames, long durationMicros, String audioCodec) {

        public boolean audioCopied() {
            return audioCodec != null;
        }
    }

    private SegmentJoin() {
    }

    /** Whether parts of {@code source} can be joined: its sound, if any, goes into MP4 as it is. */
    public static boolean canJoinPartsOf(Path source) throws IOException {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameGrabber grabber = VideoRewrite.open(source)) {
            return grabber.hasVideo() && (!grabber.hasAudio() || VideoRewrite.MP4_AUDIO.contains(grabber.getAudioCodec()));
        }
    }

    /**
     * @param source the video the parts were cut from, for its sound (left out where it has none)
     * @param parts  the rewritten parts, in their order, each ending where the next begins
     * @throws IOException a part is unreadable or encoded unlike the first, the parts overlap, the
     *         source's sound cannot be copied into MP4 (such a video is rewritten whole), or the
     *         result could not be written
     */
    public static Joined join(Path source, List<Path> parts, Path target, Provenance provenance, Cancellation cancellation)
            throws IOException {
        Objects.requireNonNull(provenance, "provenance");
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to join: no parts");
        }
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        Path folder = target.toAbsolutePath().getParent();
        Path partial = Files.createTempFile(folder, "." + target.getFileName() + ".", ".mp4");
        try {
            long frames = write(source, parts, partial, provenance, cancellation);
            long duration;
            String audio;
            try (FFmpegFrameGrabber joined = VideoRewrite.open(partial)) {
                duration = joined.getLengthInTime();
                audio = joined.hasAudio() ? avcodec.avcodec_get_name(joined.getAudioCodec()).getString() : null;
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Joined(frames, duration, audio);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static long write(Path source, List<Path> parts, Path target, Provenance provenance, Cancellation cancellation)
            throws IOException {
        try (FFmpegFrameGrabber audioIn = VideoRewrite.open(source); FFmpegFrameGrabber first = VideoRewrite.open(parts.get(0))) {
            AVStream audioInStream = audioIn.hasAudio() ? audioIn.getFormatContext().streams(audioIn.getAudioStream()) : null;
            if (audioInStream != null && !VideoRewrite.MP4_AUDIO.contains(audioInStream.codecpar().codec_id())) {
                throw new IOException("cannot join the parts of " + source.getFileName() + ": its sound ("
                        + avcodec.avcodec_get_name(audioInStream.codecpar().codec_id()).getString()
                        + ") does not go into MP4 as it is; rewrite it whole, which re-encodes it");
            }
            AVStream firstVideo = first.getFormatContext().streams(first.getVideoStream());
            AVFormatContext out = new AVFormatContext(null);
            Mp4Remux.check(avformat_alloc_output_context2(out, null, "mp4", target.toString()), target, "set up the muxer");
            try {
                AVStream videoOut = Mp4Remux.copyStream(out, firstVideo, firstVideo.time_base(), target);
                videoOut.avg_frame_rate(firstVideo.avg_frame_rate());
                AVStream audioOut = audioInStream == null ? null : Mp4Remux.copyStream(out, audioInStream, audioInStream.time_base(), target);
                Mp4Remux.open(out, target, provenance.containerMetadata());
                long frames = interleave(out, parts, firstVideo.codecpar(), videoOut, audioIn, audioInStream, audioOut, cancellation, target);
                Mp4Remux.check(av_write_trailer(out), target, "finish");
                return frames;
            } finally {
                AVIOContext pb = out.pb();
                if (pb != null && !pb.isNull()) {
                    avio_closep(pb);
                }
                avformat_free_context(out);
            }
        }
    }

    private static long interleave(AVFormatContext out, List<Path> parts, AVCodecParameters expected, AVStream videoOut,
            FFmpegFrameGrabber audioIn, AVStream audioInStream, AVStream audioOut, Cancellation cancellation, Path target)
            throws IOException {
        AVPacket audioPacket = audioInStream == null ? null : Mp4Remux.next(audioIn, audioInStream.index());
        long frames = 0;
        long lastDts = Long.MIN_VALUE;
        for (int p = 0; p < parts.size(); p++) {
            try (FFmpegFrameGrabber part = VideoRewrite.open(parts.get(p))) {
                if (!part.hasVideo()) {
                    throw new IOException("cannot join part " + p + " (" + parts.get(p).getFileName() + "): it has no video");
                }
                AVStream in = part.getFormatContext().streams(part.getVideoStream());
                requireAlike(expected, in.codecpar(), p, parts.get(p));
                AVRational timeBase = in.time_base();
                for (AVPacket video = Mp4Remux.next(part, in.index()); video != null; video = Mp4Remux.next(part, in.index())) {
                    cancellation.throwIfStopped();
                    long dts = Mp4Remux.decodeTime(video);
                    while (audioPacket != null && av_compare_ts(Mp4Remux.decodeTime(audioPacket), audioInStream.time_base(), dts, timeBase) < 0) {
                        av_packet_rescale_ts(audioPacket, audioInStream.time_base(), audioOut.time_base());
                        Mp4Remux.write(out, audioPacket, audioOut, target);
                        audioPacket = Mp4Remux.next(audioIn, audioInStream.index());
                    }
                    long outDts = av_rescale_q(dts, timeBase, videoOut.time_base());
                    if (outDts <= lastDts) {
                        throw new IOException("cannot join part " + p + " (" + parts.get(p).getFileName()
                                + "): it starts before the part ahead of it ends");
                    }
                    lastDts = outDts;
                    av_packet_rescale_ts(video, timeBase, videoOut.time_base());
                    Mp4Remux.write(out, video, videoOut, target);
                    frames++;
                }
            }
        }
        while (audioPacket != null) {
            av_packet_rescale_ts(audioPacket, audioInStream.time_base(), audioOut.time_base());
            Mp4Remux.write(out, audioPacket, audioOut, target);
            audioPacket = Mp4Remux.next(audioIn, audioInStream.index());
        }
        return frames;
    }

    /** A player decodes the joined stream with the first part's parameter sets: every part must have the same. */
    private static void requireAlike(AVCodecParameters expected, AVCodecParameters actual, int index, Path part) throws IOException {
        if (actual.codec_id() != expected.codec_id() || actual.width() != expected.width() || actual.height() != expected.height()
                || !Arrays.equals(extradata(actual), extradata(expected))) {
            throw new IOException("cannot join part " + index + " (" + part.getFileName() + "): it was encoded unlike the first part ("
                    + actual.width() + "x" + actual.height() + " against " + expected.width() + "x" + expected.height()
                    + ", or other H.264 parameter sets); encode every part with the same settings");
        }
    }

    private static byte[] extradata(AVCodecParameters parameters) {
        byte[] bytes = new byte[Math.max(0, parameters.extradata_size())];
        if (bytes.length > 0) {
            parameters.extradata().get(bytes);
        }
        return bytes;
    }
}
