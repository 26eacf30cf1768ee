package dev.doppel.pipeline.convert;

import java.awt.image.BufferedImage;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

import dev.doppel.pipeline.face.Coverage;
import dev.doppel.pipeline.face.FaceModels;
import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.face.SampleFaces;
import dev.doppel.pipeline.media.DigitalSourceType;
import dev.doppel.pipeline.media.Provenance;
import dev.doppel.pipeline.media.VideoRewrite;
import dev.doppel.pipeline.stage.Cancellation;
import dev.doppel.pipeline.stage.Progress;
import dev.doppel.pipeline.swap.SameDiffSwapModel;
import dev.doppel.pipeline.swap.SwapModelOptions;

/**
 * Frames per second converting a 720p H.264+AAC clip with faceswap's full-width Original model
 * (82 M parameters; untrained, which costs the same), broken down by step: detect, landmarks,
 * align, swap, blend (colour match + paste), measure (the quality report, about once a second),
 * and decode+encode. A measurement, not a test: run {@code ./mvnw -B -pl pipeline -Pbench verify
 * -DskipTests}. The clip pans across sample1 (three faces in every frame).
 */
public final class ConversionBenchmark {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;
    private static final int FPS = 25;

    private ConversionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path dir = Files.createTempDirectory("doppel-convert-bench");
        Path clip = clip(dir.resolve("clip.mp4"), frames);
        try (FaceModels faces = SampleFaces.models(); SameDiffSwapModel model = SameDiffSwapModel.create(new SwapModelOptions(64, 1.0, 5e-5, 1))) {
            for (BlendMode blend : BlendMode.values()) {
                SwapOptions options = new SwapOptions("B", Coverage.WHOLE_FACE, ColourMatch.REINHARD, blend, BlendOptions.DEFAULT,
                        FaceSelection.ALL, null, 0.6, null);
                Conversion conversion = new Conversion(faces, model, options, false);
                long start = System.nanoTime();
                VideoRewrite.Result result = conversion.video(clip, dir.resolve("swap-" + blend + ".mp4"), VideoRewrite.Encoding.DEFAULT,
                        new Provenance(DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA, "benchmark"), Progress.NONE, Cancellation.NEVER);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%dx%d, %d frames, %d faces swapped, blend %s: %.2f frames/s (%.0f ms a frame)%n", result.width(),
                        result.height(), result.frames(), conversion.report().facesSwapped(), blend, result.frames() / seconds,
                        1000 * seconds / result.frames());
                for (Map.Entry<String, Double> step : conversion.times().millisPerFrame(result.frames()).entrySet()) {
                    System.out.printf("  %-14s %8.1f ms/frame%n", step.getKey(), step.getValue());
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    private static Path clip(Path file, int frames) throws Exception {
        RgbImage photo = SampleFaces.photo("sample1");
        BufferedImage source = photo.toImage();
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT, 1);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(FPS);
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(44_100);
            recorder.start();
            for (int k = 0; k < frames; k++) {
                // A 1600 px wide window of the photo sliding right 2 px a frame, scaled to 720p.
                int x = 100 + 2 * k;
                BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
                frame.getGraphics().drawImage(source, 0, 0, WIDTH, HEIGHT, x, 100, x + 1600, 100 + 900, null);
                recorder.record(converter.convert(frame));
                recorder.recordSamples(44_100, 1, tone(k));
            }
            recorder.stop();
        }
        return file;
    }

    private static ShortBuffer tone(int k) {
        short[] pcm = new short[44_100 / FPS];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (6000 * Math.sin(2 * Math.PI * 330 * (k * pcm.length + i) / 44_100.0));
        }
        return ShortBuffer.wrap(pcm);
    }
}
