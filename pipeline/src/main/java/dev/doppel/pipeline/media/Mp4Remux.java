package dev.doppel.pipeline.media;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_ROUND_NEAR_INF;
import static org.bytedeco.ffmpeg.global.avutil.AV_ROUND_PASS_MINMAX;
import static org.bytedeco.ffmpeg.global.avutil.av_compare_ts;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q_rnd;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;

import dev.doppel.pipeline.stage.Cancellation;

/**
 * Stream copy into one MP4: the freshly encoded video and the untouched audio, interleaved by
 * decode time. Written against libavformat directly (FFmpeg's remuxing.c) because JavaCV's
 * {@code recordPacket} takes packets from a single input only.
 */
final class Mp4Remux {

    /** Where the video packets come from and the timestamps they are to carry. */
    record VideoInput(Path file, long[] frameMicros, AVRational timeBase, AVRational frameRate) {
    }

    private static final AVRational MICROS = av_make_q(1, 1_000_000);
    private static final int ROUND = AV_ROUND_NEAR_INF | AV_ROUND_PASS_MINMAX;

    private Mp4Remux() {
    }

    /** @param audio the file whose audio stream (the one JavaCV picks) is copied, or null for none */
    static void mux(VideoInput video, Path audio, Path target, Map<String, String> metadata,
            Cancellation cancellation) throws IOException {
        try (FFmpegFrameGrabber videoIn = VideoRewrite.open(video.file());
                FFmpegFrameGrabber audioIn = audio == null ? null : VideoRewrite.open(audio)) {
            VideoTimes times = VideoTimes.of(video);
            AVFormatContext out = new AVFormatContext(null);
            check(avformat_alloc_output_context2(out, null, "mp4", target.toString()), target, "set up the muxer");
            try {
                AVStream videoInStream = videoIn.getFormatContext().streams(videoIn.getVideoStream());
                AVStream videoOut = copyStream(out, videoInStream, video.timeBase(), target);
                videoOut.avg_frame_rate(video.frameRate());
                AVStream audioInStream = audioIn == null || !audioIn.hasAudio() ? null
                        : audioIn.getFormatContext().streams(audioIn.getAudioStream());
                AVStream audioOut = audioInStream == null ? null : copyStream(out, audioInStream, audioInStream.time_base(), target);
                open(out, target, metadata);
                interleave(out, videoIn, videoInStream.index(), times, videoOut, audioIn, audioInStream, audioOut, cancellation, target);
                check(av_write_trailer(out), target, "finish");
            } finally {
                AVIOContext pb = out.pb();
                if (pb != null && !pb.isNull()) {
                    avio_closep(pb);
                }
                avformat_free_context(out);
            }
        }
    }

    static AVStream copyStream(AVFormatContext out, AVStream in, AVRational timeBase, Path target) throws IOException {
        AVStream stream = avformat_new_stream(out, null);
        if (stream == null) {
            throw new IOException("cannot write " + target.getFileName() + ": out of memory for a stream");
        }
        check(avcodec_parameters_copy(stream.codecpar(), in.codecpar()), target, "copy stream parameters");
        // The tag was the input container's; let the MP4 muxer choose its own.
        stream.codecpar().codec_tag(0);
        stream.time_base(timeBase);
        return stream;
    }

    static void open(AVFormatContext out, Path target, Map<String, String> metadata) throws IOException {
        AVIOContext pb = new AVIOContext(null);
        check(avio_open(pb, new BytePointer(target.toString(), StandardCharsets.UTF_8), AVIO_FLAG_WRITE), target, "open");
        out.pb(pb);
        AVDictionary tags = new AVDictionary(null);
        metadata.forEach((key, value) -> av_dict_set(tags, new BytePointer(key, StandardCharsets.UTF_8),
                new BytePointer(value, StandardCharsets.UTF_8), 0));
        out.metadata(tags);
        // Index at the front: the result can play while it downloads.
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "movflags", "+faststart", 0);
        try {
            check(avformat_write_header(out, options), target, "write the header");
        } finally {
            av_dict_free(options);
        }
    }

    private static void interleave(AVFormatContext out, FFmpegFrameGrabber videoIn, int videoIndex, VideoTimes times,
            AVStream videoOut, FFmpegFrameGrabber audioIn, AVStream audioInStream, AVStream audioOut,
            Cancellation cancellation, Path target) throws IOException {
        AVPacket videoPacket = next(videoIn, videoIndex);
        AVPacket audioPacket = audioInStream == null ? null : next(audioIn, audioInStream.index());
        int decoded = 0;
        while (videoPacket != null || audioPacket != null) {
            boolean videoFirst = audioPacket == null || videoPacket != null
                    && av_compare_ts(times.dts(decoded), times.timeBase(), decodeTime(audioPacket), audioInStream.time_base()) <= 0;
            if (videoFirst) {
                cancellation.throwIfStopped();
                times.stamp(videoPacket, decoded++);
                av_packet_rescale_ts(videoPacket, times.timeBase(), videoOut.time_base());
                write(out, videoPacket, videoOut, target);
                videoPacket = next(videoIn, videoIndex);
            } else {
                av_packet_rescale_ts(audioPacket, audioInStream.time_base(), audioOut.time_base());
                write(out, audioPacket, audioOut, target);
                audioPacket = next(audioIn, audioInStream.index());
            }
        }
    }

    static long decodeTime(AVPacket packet) {
        return packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
    }

    static void write(AVFormatContext out, AVPacket packet, AVStream stream, Path target) throws IOException {
        packet.stream_index(stream.index());
        packet.pos(-1);
        // Takes the packet's reference, whatever the outcome.
        check(av_interleaved_write_frame(out, packet), target, "write a packet");
    }

    /** The next packet of one stream; the grabber's packet is reused, so use it before asking again. */
    static AVPacket next(FFmpegFrameGrabber in, int streamIndex) throws IOException {
        for (AVPacket packet = in.grabPacket(); packet != null; packet = in.grabPacket()) {
            if (packet.stream_index() == streamIndex) {
                return packet;
            }
            av_packet_unref(packet);
        }
        return null;
    }

    /**
     * The encoder numbered frames 0, 1, 2... at a constant rate; the k-th frame in display order
     * gets the source's k-th timestamp back (variable frame rates survive), and decode times are
     * the same timestamps shifted by the encoder's reordering delay, so dts stays <= pts.
     */
    private record VideoTimes(int[] displayIndex, long[] pts, long[] duration, long delay, AVRational timeBase) {

        static VideoTimes of(VideoInput video) throws IOException {
            int count = video.frameMicros().length;
            long[] encodedPts = new long[count];
            int n = 0;
            try (FFmpegFrameGrabber encoded = VideoRewrite.open(video.file())) {
                int index = encoded.getVideoStream();
                for (AVPacket packet = next(encoded, index); packet != null; packet = next(encoded, index), n++) {
                    if (n < count) {
                        encodedPts[n] = packet.pts();
                    }
                    av_packet_unref(packet);
                }
            }
            if (n != count) {
                throw new IOException("the encoder wrote " + n + " frames for " + count);
            }
            long[] sorted = encodedPts.clone();
            Arrays.sort(sorted);
            AVRational timeBase = video.timeBase();
            long[] pts = new long[count];
            for (int k = 0; k < count; k++) {
                long stamp = av_rescale_q_rnd(video.frameMicros()[k], MICROS, timeBase, ROUND);
                // A broken source may repeat a timestamp; MP4 needs them strictly increasing.
                pts[k] = k == 0 ? stamp : Math.max(stamp, pts[k - 1] + 1);
            }
            long[] duration = new long[count];
            for (int k = 0; k + 1 < count; k++) {
                duration[k] = pts[k + 1] - pts[k];
            }
            AVRational rate = video.frameRate();
            duration[count - 1] = rate.num() > 0 && rate.den() > 0
                    ? Math.max(1, av_rescale_q_rnd(1, av_make_q(rate.den(), rate.num()), timeBase, ROUND))
                    : count > 1 ? duration[count - 2] : 1;
            int[] displayIndex = new int[count];
            long delay = 0;
            for (int j = 0; j < count; j++) {
                displayIndex[j] = Arrays.binarySearch(sorted, encodedPts[j]);
                delay = Math.max(delay, pts[j] - pts[displayIndex[j]]);
            }
            return new VideoTimes(displayIndex, pts, duration, delay, timeBase);
        }

        long dts(int decoded) {
            return pts[decoded] - delay;
        }

        void stamp(AVPacket packet, int decoded) {
            int frame = displayIndex[decoded];
            packet.pts(pts[frame]);
            packet.dts(dts(decoded));
            packet.duration(duration[frame]);
        }
    }

    static void check(int ret, Path target, String what) throws IOException {
        if (ret < 0) {
            byte[] message = new byte[256];
            av_strerror(ret, message, message.length);
            int end = 0;
            while (end < message.length && message[end] != 0) {
                end++;
            }
            throw new IOException("cannot " + what + " for " + target.getFileName() + ": "
                    + new String(message, 0, end, StandardCharsets.UTF_8));
        }
    }
}
