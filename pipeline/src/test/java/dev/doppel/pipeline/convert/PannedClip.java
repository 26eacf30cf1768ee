package dev.doppel.pipeline.convert;

import java.awt.image.BufferedImage;
import java.nio.ShortBuffer;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

import dev.doppel.pipeline.face.SampleFaces;

/**
 * An H.264+AAC clip at 25 fps panning across sample1 (three faces in every frame): a 1600x900
 * window of the photo sliding right 2 px a frame, scaled to the clip's size, over a 330 Hz tone;
 * a keyframe every {@value #KEYFRAME_EVERY} frames, where a video can be cut into parts.
 */
final class PannedClip {

    static final int FPS = 25;
    static final int SAMPLE_RATE = 44_100;
    static final int KEYFRAME_EVERY = 12;

    private PannedClip() {
    }

    static Path write(Path file, int width, int height, int frames) throws Exception {
        BufferedImage source = SampleFaces.photo("sample1").toImage();
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 1);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(FPS);
            recorder.setGopSize(KEYFRAME_EVERY);
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(SAMPLE_RATE);
            recorder.start();
            for (int k = 0; k < frames; k++) {
                int x = 100 + 2 * k;
                BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
                frame.getGraphics().drawImage(source, 0, 0, width, height, x, 100, x + 1600, 100 + 900, null);
                recorder.record(converter.convert(frame));
                recorder.recordSamples(SAMPLE_RATE, 1, tone(k));
            }
            recorder.stop();
        }
        return file;
    }

    private static ShortBuffer tone(int k) {
        short[] pcm = new short[SAMPLE_RATE / FPS];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (6000 * Math.sin(2 * Math.PI * 330 * (k * pcm.length + i) / (double) SAMPLE_RATE));
        }
        return ShortBuffer.wrap(pcm);
    }
}
