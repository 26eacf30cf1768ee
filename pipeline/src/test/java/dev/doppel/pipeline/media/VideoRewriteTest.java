package dev.doppel.pipeline.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;

/**
 * Clips made here with FFmpegFrameRecorder: 2 s of 320x240 H.264 at 25 fps, a moving bar on grey,
 * with a 440 Hz AAC tone; the filter paints a red box into every tenth frame.
 */
class VideoRewriteTest {

    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    private static final int FPS = 25;
    private static final int FRAMES = 50;
    private static final int SAMPLE_RATE = 44_100;
    private static final int AAC_FRAME = 1024;
    private static final int BOX_X = 100;
    private static final int BOX_Y = 80;
    private static final int BOX_W = 80;
    private static final int BOX_H = 60;
    private static final Provenance SWAP = new Provenance(DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA,
            "Faces replaced by a trained model");

    @TempDir
    static Path dir;
    private static Path withSound;
    private static Path silent;

    @BeforeAll
    static void makeClips() throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        withSound = dir.resolve("tone.mp4");
        silent = dir.resolve("silent.mp4");
        record(withSound, "mp4", avcodec.AV_CODEC_ID_AAC, FPS, frameTimes(FRAMES, FPS));
        record(silent, "mp4", avcodec.AV_CODEC_ID_NONE, FPS, frameTimes(FRAMES, FPS));
    }

    private static boolean painted(long index) {
        return index % 10 == 3;
    }

    private static BufferedImage paintBox(long index, long micros, BufferedImage frame) {
        if (!painted(index)) {
            return frame;
        }
        Graphics2D g = frame.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(BOX_X, BOX_Y, BOX_W, BOX_H);
        g.dispose();
        return frame;
    }

    @Test
    void rewritesEveryFrameKeepsTheTimingAndCopiesTheSoundUntouched() throws Exception {
        Path target = Files.createDirectories(dir.resolve("out")).resolve("swapped.mp4");
        List<Double> progress = new ArrayList<>();

        VideoRewrite.Result result = VideoRewrite.rewrite(withSound, target, VideoRewrite.Encoding.DEFAULT, SWAP,
                VideoRewriteTest::paintBox, (step, fraction) -> progress.add(fraction), Cancellation.NEVER);

        Clip source = Clip.read(withSound);
        Clip output = Clip.read(target);
        assertThat(result.frames()).isEqualTo(FRAMES);
        assertThat(result.framesPerSecond()).isEqualTo(FPS);
        assertThat(result.width()).isEqualTo(WIDTH);
        assertThat(result.height()).isEqualTo(HEIGHT);
        assertThat(result.audioCopied()).isTrue();
        assertThat(result.audioCodec()).isEqualTo("aac");
        assertThat(output.frameMicros()).hasSize(FRAMES).isEqualTo(source.frameMicros());
        assertThat(output.fps()).isEqualTo(source.fps());
        assertThat(output.width()).isEqualTo(WIDTH);
        assertThat(output.height()).isEqualTo(HEIGHT);
        assertThat(output.durationMicros()).isCloseTo(source.durationMicros(), offset(1_000_000L / FPS));
        assertThat(result.durationMicros()).isEqualTo(output.durationMicros());

        assertThat(output.audioCodec()).isEqualTo(source.audioCodec()).isEqualTo("aac");
        assertThat(output.audioSamples()).isCloseTo(source.audioSamples(), offset((long) AAC_FRAME));
        assertThat(output.audioSamples()).isGreaterThan(SAMPLE_RATE * FRAMES / FPS - AAC_FRAME);
        assertThat(output.audioPacketHash()).isEqualTo(source.audioPacketHash()).doesNotStartWith("0 ");

        for (int k = 0; k < FRAMES; k++) {
            Color box = output.boxColours().get(k);
            if (painted(k)) {
                assertThat(box.getRed()).as("frame %d", k).isGreaterThan(200);
                assertThat(box.getGreen()).as("frame %d", k).isLessThan(50);
                assertThat(box.getBlue()).as("frame %d", k).isLessThan(50);
            } else {
                assertThat(box.getRed() - box.getGreen()).as("frame %d", k).isLessThan(30);
            }
        }

        System.out.println("container metadata read back: " + output.metadata());
        assertThat(output.metadata().values()).anySatisfy(v -> assertThat(v)
                .contains(DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA.uri())
                .contains("Faces replaced by a trained model").contains("Doppel"));
        assertThat(output.metadata()).containsKeys("comment", "description");

        assertThat(progress).isSorted().last().isEqualTo(1.0);
        assertThat(progress).hasSizeGreaterThanOrEqualTo(FRAMES);
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void keepsEachFramesOwnTimestampInVariableFrameRateVideo() throws Exception {
        long[] times = {0, 40_000, 60_000, 160_000, 200_000, 210_000, 300_000, 420_000, 440_000, 520_000, 600_000, 640_000};
        Path vfr = dir.resolve("vfr.mp4");
        record(vfr, "mp4", avcodec.AV_CODEC_ID_AAC, 100, times);
        Path target = dir.resolve("vfr-out").resolve("swapped.mp4");
        Files.createDirectories(target.getParent());

        VideoRewrite.Result result = VideoRewrite.rewrite(vfr, target, new VideoRewrite.Encoding(23, "veryfast"), SWAP,
                VideoRewriteTest::paintBox, Progress.NONE, Cancellation.NEVER);

        Clip source = Clip.read(vfr);
        assertThat(source.frameMicros()).containsExactly(Arrays.stream(times).boxed().toArray(Long[]::new));
        assertThat(result.frames()).isEqualTo(times.length);
        assertThat(Clip.read(target).frameMicros()).containsExactly(Arrays.stream(times).boxed().toArray(Long[]::new));
    }

    @Test
    void videoWithoutSoundHasNoAudioStream() throws Exception {
        Path target = dir.resolve("silent-out").resolve("swapped.mp4");
        Files.createDirectories(target.getParent());

        VideoRewrite.Result result = VideoRewrite.rewrite(silent, target, VideoRewrite.Encoding.DEFAULT, SWAP,
                VideoRewriteTest::paintBox, Progress.NONE, Cancellation.NEVER);

        assertThat(result.audioCodec()).isNull();
        assertThat(result.audioCopied()).isFalse();
        assertThat(result.frames()).isEqualTo(FRAMES);
        Clip output = Clip.read(target);
        assertThat(output.audioCodec()).isNull();
        assertThat(output.frameMicros()).hasSize(FRAMES);
    }

    @Test
    void soundMp4CannotHoldIsReencodedToAac() throws Exception {
        // This FFmpeg build has no libvorbis; PCM in Matroska is as foreign to MP4.
        Path mkv = dir.resolve("pcm.mkv");
        record(mkv, "matroska", avcodec.AV_CODEC_ID_PCM_S16LE, FPS, frameTimes(FRAMES, FPS));
        Path target = dir.resolve("vorbis-out").resolve("swapped.mp4");
        Files.createDirectories(target.getParent());

        VideoRewrite.Result result = VideoRewrite.rewrite(mkv, target, VideoRewrite.Encoding.DEFAULT, SWAP,
                VideoRewriteTest::paintBox, Progress.NONE, Cancellation.NEVER);

        assertThat(result.audioCopied()).isFalse();
        assertThat(result.audioCodec()).isEqualTo("aac");
        Clip source = Clip.read(mkv);
        Clip output = Clip.read(target);
        assertThat(source.audioCodec()).isEqualTo("pcm_s16le");
        assertThat(output.audioCodec()).isEqualTo("aac");
        assertThat(output.frameMicros()).isEqualTo(source.frameMicros());
        assertThat(output.audioSamples()).isCloseTo(source.audioSamples(), offset(2L * AAC_FRAME));
    }

    @Test
    void cancellationLeavesNothingBehind() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("cancelled"));
        Path target = folder.resolve("swapped.mp4");
        RuntimeException stop = new IllegalStateException("job cancelled");
        List<Long> filtered = new ArrayList<>();
        Cancellation atTen = () -> {
            if (filtered.size() == 10) {
                throw stop;
            }
        };

        assertThatThrownBy(() -> VideoRewrite.rewrite(withSound, target, VideoRewrite.Encoding.DEFAULT, SWAP,
                (index, micros, frame) -> {
                    filtered.add(index);
                    return frame;
                }, Progress.NONE, atTen)).isSameAs(stop);

        assertThat(filtered).hasSize(10);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aBatchFilterSeesEveryFrameOnceInOrderAndTheSoundStaysAsItWas() throws Exception {
        Path target = Files.createDirectories(dir.resolve("batched")).resolve("swapped.mp4");
        List<Integer> batchSizes = new ArrayList<>();
        List<Long> indices = new ArrayList<>();
        List<Long> micros = new ArrayList<>();

        VideoRewrite.Result result = VideoRewrite.rewrite(withSound, target, VideoRewrite.Encoding.DEFAULT, SWAP,
                VideoRewrite.Output.SAME, 8, frames -> {
                    batchSizes.add(frames.size());
                    List<BufferedImage> out = new ArrayList<>();
                    for (VideoRewrite.SourceFrame frame : frames) {
                        indices.add(frame.index());
                        micros.add(frame.timestampMicros());
                        out.add(paintBox(frame.index(), frame.timestampMicros(), frame.image()));
                    }
                    return out;
                }, Progress.NONE, Cancellation.NEVER);

        Clip source = Clip.read(withSound);
        Clip output = Clip.read(target);
        assertThat(batchSizes).containsExactly(8, 8, 8, 8, 8, 8, 2);
        assertThat(indices).containsExactlyElementsOf(java.util.stream.LongStream.range(0, FRAMES).boxed().toList());
        assertThat(micros).containsExactlyElementsOf(source.frameMicros());
        assertThat(result.frames()).isEqualTo(FRAMES);
        assertThat(output.frameMicros()).isEqualTo(source.frameMicros());
        assertThat(output.audioPacketHash()).isEqualTo(source.audioPacketHash());
        for (int k = 0; k < FRAMES; k++) {
            assertThat(output.boxColours().get(k).getRed() > 200).as("frame %d painted", k).isEqualTo(painted(k));
        }
    }

    @Test
    void aWindowWritesItsFramesAtTheirTimesAfterShowingTheFilterItsWarmUp() throws Exception {
        Path target = Files.createDirectories(dir.resolve("window")).resolve("part.mp4");
        Clip source = Clip.read(withSound);
        List<Long> seen = new ArrayList<>();
        List<Boolean> kept = new ArrayList<>();

        VideoRewrite.Result result = VideoRewrite.rewrite(withSound, target, VideoRewrite.Encoding.DEFAULT, SWAP,
                new VideoRewrite.Output(0, 0, false), new VideoRewrite.Window(400_000, 800_000, 1_200_000), 8, frames -> {
                    frames.forEach(frame -> {
                        seen.add(frame.timestampMicros());
                        kept.add(frame.kept());
                    });
                    return frames.stream().map(VideoRewrite.SourceFrame::image).toList();
                }, Progress.NONE, Cancellation.NEVER);

        assertThat(seen).containsExactlyElementsOf(source.frameMicros().subList(10, 30));
        assertThat(kept.subList(0, 10)).containsOnly(false);
        assertThat(kept.subList(10, 20)).containsOnly(true);
        assertThat(result.frames()).isEqualTo(10);
        Clip part = Clip.read(target);
        assertThat(part.frameMicros()).isEqualTo(source.frameMicros().subList(20, 30));
        assertThat(part.audioCodec()).isNull();
        assertThatThrownBy(() -> new VideoRewrite.Window(900_000, 800_000, 1_200_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VideoRewrite.rewrite(withSound, target, VideoRewrite.Encoding.DEFAULT, SWAP, VideoRewrite.Output.SAME,
                new VideoRewrite.Window(0, 800_000, 1_200_000), 8, frames -> List.of(), Progress.NONE, Cancellation.NEVER))
                .hasMessageContaining("without its sound");
    }

    @Test
    void partsRewrittenApartJoinIntoTheWholeWithTheSoundCopiedOnce() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("parts"));
        List<VideoRewrite.Window> plan = List.of(new VideoRewrite.Window(Long.MIN_VALUE, Long.MIN_VALUE, 800_000),
                new VideoRewrite.Window(600_000, 800_000, 1_400_000), new VideoRewrite.Window(1_200_000, 1_400_000, Long.MAX_VALUE));
        List<Path> parts = new ArrayList<>();
        for (VideoRewrite.Window window : plan) {
            Path part = folder.resolve("part" + parts.size() + ".mp4");
            VideoRewrite.rewrite(withSound, part, VideoRewrite.Encoding.DEFAULT, SWAP, new VideoRewrite.Output(0, 0, false), window, 8,
                    frames -> frames.stream().map(f -> paintBox(f.index(), f.timestampMicros(), f.image())).toList(),
                    Progress.NONE, Cancellation.NEVER);
            parts.add(part);
        }
        Path joined = folder.resolve("joined.mp4");

        SegmentJoin.Joined result = SegmentJoin.join(withSound, parts, joined, SWAP, Cancellation.NEVER);

        Clip source = Clip.read(withSound);
        Clip output = Clip.read(joined);
        assertThat(result.frames()).isEqualTo(FRAMES);
        assertThat(result.audioCopied()).isTrue();
        assertThat(output.frameMicros()).isEqualTo(source.frameMicros());
        assertThat(output.audioPacketHash()).isEqualTo(source.audioPacketHash()).doesNotStartWith("0 ");
        assertThat(output.durationMicros()).isCloseTo(source.durationMicros(), offset(1_000_000L / FPS));
        assertThat(output.metadata().values()).anySatisfy(v -> assertThat(v).contains("Faces replaced by a trained model"));
        // Each part counts its frames from its first decoded one: frames 0-19, 15-34 and 30-49 are painted by their own index.
        assertThat(output.boxColours().get(13).getRed()).as("part 1's frame 13").isGreaterThan(200);
    }

    @Test
    void partsEncodedUnalikeAreRefusedAndNothingIsLeft() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("unalike"));
        Path first = folder.resolve("a.mp4");
        Path second = folder.resolve("b.mp4");
        VideoRewrite.rewrite(withSound, first, VideoRewrite.Encoding.DEFAULT, SWAP, new VideoRewrite.Output(0, 0, false),
                new VideoRewrite.Window(Long.MIN_VALUE, Long.MIN_VALUE, 800_000), 8,
                frames -> frames.stream().map(VideoRewrite.SourceFrame::image).toList(), Progress.NONE, Cancellation.NEVER);
        VideoRewrite.rewrite(withSound, second, VideoRewrite.Encoding.DEFAULT, SWAP, new VideoRewrite.Output(160, 120, false),
                new VideoRewrite.Window(600_000, 800_000, Long.MAX_VALUE), 8,
                frames -> frames.stream().map(f -> (BufferedImage) new BufferedImage(160, 120, BufferedImage.TYPE_3BYTE_BGR)).toList(),
                Progress.NONE, Cancellation.NEVER);

        assertThatThrownBy(() -> SegmentJoin.join(withSound, List.of(first, second), folder.resolve("joined.mp4"), SWAP, Cancellation.NEVER))
                .isInstanceOf(IOException.class).hasMessageContaining("encoded unlike the first part");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).containsExactlyInAnyOrder(first, second);
        }
    }

    @Test
    void aFailingBatchIsNamedByItsFramesAndLeavesNothingBehind() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("failed-batch"));

        assertThatThrownBy(() -> VideoRewrite.rewrite(withSound, folder.resolve("swapped.mp4"), VideoRewrite.Encoding.DEFAULT,
                SWAP, VideoRewrite.Output.SAME, 8, frames -> {
                    if (frames.get(0).index() == 16) {
                        throw new Exception("model fell over");
                    }
                    return frames.stream().map(VideoRewrite.SourceFrame::image).toList();
                }, Progress.NONE, Cancellation.NEVER))
                .isInstanceOf(IOException.class)
                .hasMessage("the filter failed on frames 16-23 of tone.mp4: model fell over");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void failingFilterLeavesNothingBehind() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("failed"));

        assertThatThrownBy(() -> VideoRewrite.rewrite(withSound, folder.resolve("swapped.mp4"), VideoRewrite.Encoding.DEFAULT,
                SWAP, (index, micros, frame) -> {
                    if (index == 5) {
                        throw new Exception("model fell over");
                    }
                    return frame;
                }, Progress.NONE, Cancellation.NEVER))
                .isInstanceOf(IOException.class)
                .hasMessage("the filter failed on frame 5 of tone.mp4: model fell over");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void corruptFileIsRefusedWithAClearMessage() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("corrupt"));
        Path corrupt = folder.resolve("garbage.mp4");
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        Files.write(corrupt, noise);

        assertThatThrownBy(() -> VideoRewrite.rewrite(corrupt, folder.resolve("swapped.mp4"), VideoRewrite.Encoding.DEFAULT,
                SWAP, VideoRewriteTest::paintBox, Progress.NONE, Cancellation.NEVER))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot read video garbage.mp4: not a media file FFmpeg can open");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).containsExactly(corrupt);
        }
    }

    @Test
    void sourceWithoutVideoIsRefused() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("audio-only"));
        Path audioOnly = folder.resolve("tone.m4a");
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(audioOnly.toFile(), 1)) {
            recorder.setFormat("mp4");
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(SAMPLE_RATE);
            recorder.start();
            for (int k = 0; k < 10; k++) {
                recorder.recordSamples(SAMPLE_RATE, 1, tone(k * 1000L, SAMPLE_RATE / 10));
            }
            recorder.stop();
        }

        assertThatThrownBy(() -> VideoRewrite.rewrite(audioOnly, folder.resolve("swapped.mp4"), VideoRewrite.Encoding.DEFAULT,
                SWAP, VideoRewriteTest::paintBox, Progress.NONE, Cancellation.NEVER))
                .isInstanceOf(IOException.class)
                .hasMessage("no video stream in tone.m4a");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).containsExactly(audioOnly);
        }
    }

    @Test
    void oddSizesAreRefusedRatherThanStretched() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("odd"));
        // FFmpegFrameRecorder widens odd sizes itself; FFmpeg reads a single PNG as a one-frame video.
        Path odd = folder.resolve("odd.png");
        ImageIO.write(frame(0, 33, 24), "png", odd.toFile());

        assertThatThrownBy(() -> VideoRewrite.rewrite(odd, folder.resolve("swapped.mp4"), VideoRewrite.Encoding.DEFAULT,
                SWAP, VideoRewriteTest::paintBox, Progress.NONE, Cancellation.NEVER))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot rewrite odd.png: its size 33x24 is odd, and H.264 (yuv420p) needs an even width and height");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).containsExactly(odd);
        }
    }

    @Test
    void encodingIsValidated() {
        assertThatThrownBy(() -> new VideoRewrite.Encoding(52, "medium")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VideoRewrite.Encoding(-1, "medium")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VideoRewrite.Encoding(23, "warp9")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- making and reading clips

    private static long[] frameTimes(int frames, int fps) {
        long[] times = new long[frames];
        for (int k = 0; k < frames; k++) {
            times[k] = k * 1_000_000L / fps;
        }
        return times;
    }

    /** Frames at the given times (on the recorder's 1/fps grid) and, unless NONE, a tone as long as the video. */
    private static void record(Path file, String format, int audioCodec, int fps, long[] frameMicros) throws Exception {
        boolean sound = audioCodec != avcodec.AV_CODEC_ID_NONE;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT, sound ? 1 : 0);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat(format);
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setVideoOption("crf", "18");
            if (sound) {
                recorder.setAudioCodec(audioCodec);
                recorder.setSampleRate(SAMPLE_RATE);
            }
            recorder.start();
            long end = frameMicros[frameMicros.length - 1] + 1_000_000L / FPS;
            long written = 0;
            for (int k = 0; k < frameMicros.length; k++) {
                recorder.setFrameNumber((int) Math.round(frameMicros[k] * fps / 1e6));
                recorder.record(converter.convert(frame(k, WIDTH, HEIGHT)));
                long until = k + 1 < frameMicros.length ? frameMicros[k + 1] : end;
                int samples = (int) (until * SAMPLE_RATE / 1_000_000L - written);
                if (sound && samples > 0) {
                    recorder.recordSamples(SAMPLE_RATE, 1, tone(written, samples));
                    written += samples;
                }
            }
            recorder.stop();
        }
    }

    /** Grey with a white bar moving right, in the 3-byte BGR layout FFmpeg takes as it is. */
    private static BufferedImage frame(int k, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(90, 90, 90));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillRect((k * 6) % width, 0, Math.max(1, width / 16), height);
        g.dispose();
        return image;
    }

    private static ShortBuffer tone(long from, int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (from + i) / SAMPLE_RATE));
        }
        return ShortBuffer.wrap(pcm);
    }

    /** What a clip holds, read back the way a player would. */
    private record Clip(List<Long> frameMicros, List<Color> boxColours, double fps, int width, int height,
            long durationMicros, String audioCodec, long audioSamples, String audioPacketHash, Map<String, String> metadata) {

        static Clip read(Path file) throws Exception {
            List<Long> micros = new ArrayList<>();
            List<Color> boxes = new ArrayList<>();
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
                    Java2DFrameConverter converter = new Java2DFrameConverter()) {
                grabber.start();
                double fps = grabber.getVideoFrameRate();
                int width = grabber.getImageWidth();
                int height = grabber.getImageHeight();
                long duration = grabber.getLengthInTime();
                String codec = grabber.hasAudio() ? grabber.getAudioCodecName() : null;
                Map<String, String> metadata = grabber.getMetadata();
                for (Frame frame = grabber.grabImage(); frame != null; frame = grabber.grabImage()) {
                    micros.add(frame.timestamp);
                    if (width >= BOX_X + BOX_W) {
                        boxes.add(meanColour(converter.convert(frame)));
                    }
                }
                long samples = 0;
                String hash = null;
                if (grabber.hasAudio()) {
                    grabber.restart();
                    for (Frame frame = grabber.grabSamples(); frame != null; frame = grabber.grabSamples()) {
                        int planes = frame.samples.length;
                        samples += frame.samples[0].limit() / (planes > 1 ? 1 : frame.audioChannels);
                    }
                    hash = audioPacketHash(file);
                }
                return new Clip(micros, boxes, fps, width, height, duration, codec, samples, hash, metadata);
            }
        }

        private static String audioPacketHash(Path file) throws Exception {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            int packets = 0;
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
                grabber.start();
                for (AVPacket packet = grabber.grabPacket(); packet != null; packet = grabber.grabPacket()) {
                    if (packet.stream_index() == grabber.getAudioStream()) {
                        ByteBuffer data = packet.data().capacity(packet.size()).asByteBuffer();
                        sha.update(data);
                        packets++;
                    }
                    avcodec.av_packet_unref(packet);
                }
            }
            return packets + " packets, sha-256 " + HexFormat.of().formatHex(sha.digest());
        }

        private static Color meanColour(BufferedImage image) {
            long r = 0;
            long g = 0;
            long b = 0;
            // Inside the box with a margin: H.264 blurs its edges.
            for (int y = BOX_Y + 8; y < BOX_Y + BOX_H - 8; y++) {
                for (int x = BOX_X + 8; x < BOX_X + BOX_W - 8; x++) {
                    int rgb = image.getRGB(x, y);
                    r += rgb >> 16 & 0xFF;
                    g += rgb >> 8 & 0xFF;
                    b += rgb & 0xFF;
                }
            }
            long n = (long) (BOX_W - 16) * (BOX_H - 16);
            return new Color((int) (r / n), (int) (g / n), (int) (b / n));
        }
    }
}
