package dev.doppel.pipeline.face;

import dev.doppel.pipeline.image.RgbImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.doppel.pipeline.stage.Cancellation;

/**
 * A 3 s clip made from sample1 (three faces) with a slow pan and zoom, H.264 at 10 fps with an
 * AAC sine tone, so that where every face should be in every frame is known exactly.
 */
class VideoFacesTest {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 640;
    private static final int FRAMES = 30;
    private static final int FPS = 10;
    private static final int SAMPLE_RATE = 44_100;
    private static final AlignmentOptions OPTIONS = new AlignmentOptions(96, Coverage.FACE);

    @TempDir
    static Path dir;
    private static Path video;
    private static FaceModels models;
    private static FaceExtractor extractor;

    record Sampled(long index, long millis, List<ExtractedFace> faces, List<LocatedFace> raw) {
    }

    @BeforeAll
    static void makeClip() throws Exception {
        models = FaceModels.load(FaceApiAssets.models());
        extractor = new FaceExtractor(models);
        RgbImage photo = FaceApiAssets.photo("sample1");
        video = dir.resolve("pan.mp4");
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(video.toFile(), WIDTH, HEIGHT, 1);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(FPS);
            recorder.setVideoOption("crf", "18");
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(SAMPLE_RATE);
            recorder.setAudioChannels(1);
            recorder.start();
            for (int k = 0; k < FRAMES; k++) {
                recorder.record(converter.convert(bgr(AffineWarp.warp(photo, frameToPhoto(k), WIDTH, HEIGHT))));
                recorder.recordSamples(SAMPLE_RATE, 1, tone(k));
            }
            recorder.stop();
        }
    }

    @AfterAll
    static void close() {
        models.close();
    }

    // Frame k shows a window of the photo 1800 px wide shrinking 0.2 % a frame, its centre moving
    // right 1.5 px a frame: every face stays in view with a margin, at about the size the detector
    // saw in the still (the frame keeps the photo's 3:2).
    static double[] frameToPhoto(int k) {
        double width = 1800 * (1 - 0.002 * k);
        double scale = width / WIDTH;
        double centreX = 960 + 1.5 * k;
        double centreY = 640;
        return new double[] {scale, 0, centreX - width / 2, 0, scale, centreY - scale * HEIGHT / 2};
    }

    // Java2DFrameConverter hands TYPE_INT_RGB to the encoder with its channels mixed up (green
    // faces); 3-byte BGR is the layout FFmpeg takes as it is.
    private static BufferedImage bgr(BufferedImage rgb) {
        BufferedImage bgr = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(rgb, 0, 0, null);
        return bgr;
    }

    private static ShortBuffer tone(int k) {
        int samples = SAMPLE_RATE / FPS;
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (k * samples + i) / SAMPLE_RATE));
        }
        return ShortBuffer.wrap(pcm);
    }

    private static List<Sampled> run(FrameSampling sampling, boolean withRaw, List<Double> progress) throws Exception {
        List<Sampled> sampled = new ArrayList<>();
        VideoFaces.extract(video, sampling, extractor, OPTIONS, (step, fraction) -> progress.add(fraction), Cancellation.NEVER,
                (index, millis, frame, faces) -> sampled.add(new Sampled(index, millis, faces, withRaw ? extractor.locate(frame) : List.of())));
        return sampled;
    }

    @Test
    void findsTheFacesAndSmoothsTheirJitter() throws Exception {
        List<Double> progress = new ArrayList<>();
        List<Sampled> sampled = run(FrameSampling.everyNth(1), true, progress);

        assertThat(sampled).hasSize(FRAMES);
        assertThat(sampled).extracting(s -> s.faces().size()).containsOnly(3);
        assertThat(sampled.get(FRAMES - 1).millis()).isEqualTo(100L * (FRAMES - 1));
        assertThat(progress).hasSizeGreaterThanOrEqualTo(FRAMES).isSorted().last().isEqualTo(1.0);

        double raw = jitter(sampled, s -> s.raw().stream().map(LocatedFace::landmarks).toList());
        double smoothed = jitter(sampled, s -> s.faces().stream().map(ExtractedFace::landmarks).toList());
        System.out.printf("mean landmark motion between frames, in photo pixels: raw %.2f, smoothed %.2f%n", raw, smoothed);
        assertThat(smoothed).isLessThan(0.8 * raw);
    }

    @Test
    void samplesEveryNthFrame() throws Exception {
        List<Sampled> sampled = run(FrameSampling.everyNth(3), false, new ArrayList<>());

        assertThat(sampled).extracting(Sampled::index).containsExactly(0L, 3L, 6L, 9L, 12L, 15L, 18L, 21L, 24L, 27L);
        assertThat(sampled).extracting(Sampled::millis).containsExactly(0L, 300L, 600L, 900L, 1200L, 1500L, 1800L, 2100L, 2400L, 2700L);
    }

    @Test
    void samplesAtATargetRate() throws Exception {
        List<Sampled> sampled = run(FrameSampling.fps(4), false, new ArrayList<>());

        assertThat(sampled).extracting(Sampled::index).containsExactly(0L, 3L, 5L, 8L, 10L, 13L, 15L, 18L, 20L, 23L, 25L, 28L);
    }

    @Test
    void stopsWhenCancelled() {
        List<Long> seen = new ArrayList<>();
        Cancellation afterTwo = () -> {
            if (seen.size() >= 2) {
                throw new IllegalStateException("cancelled");
            }
        };
        assertThatThrownBy(() -> VideoFaces.extract(video, FrameSampling.everyNth(1), extractor, OPTIONS,
                (step, fraction) -> { }, afterTwo, (index, millis, frame, faces) -> seen.add(index)))
                .hasMessage("cancelled");
        // Frames go through the networks LocatingBatch.SIZE at a time: the batch under way is finished, no frame after it.
        assertThat(seen).containsExactlyElementsOf(java.util.stream.LongStream.range(0, LocatingBatch.SIZE).boxed().toList());
    }

    // Landmarks mapped back into the photo, where the faces stand still: what moves is jitter.
    private static double jitter(List<Sampled> sampled, Function<Sampled, List<LandmarkSet>> sets) {
        double sum = 0;
        int count = 0;
        List<LandmarkSet> previous = null;
        for (Sampled s : sampled) {
            double[] toPhoto = frameToPhoto((int) s.index());
            List<LandmarkSet> current = sets.apply(s).stream().map(l -> Affine.apply(toPhoto, l))
                    .sorted(Comparator.comparingDouble(l -> l.points().get(30).x())).toList();
            if (previous != null) {
                for (int f = 0; f < current.size(); f++) {
                    for (int i = 0; i < 68; i++) {
                        LandmarkSet.Point a = current.get(f).points().get(i);
                        LandmarkSet.Point b = previous.get(f).points().get(i);
                        sum += Math.hypot(a.x() - b.x(), a.y() - b.y());
                        count++;
                    }
                }
            }
            previous = current;
        }
        return sum / count;
    }
}
