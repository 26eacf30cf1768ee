package dev.doppel.standalone.it;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Uploads made at test time, so nothing binary is committed. */
final class TestMedia {

    private TestMedia() {
    }

    /** A real group photo (face-api's sample, scaled to 960 px wide): the faces extract must find. */
    static ApiClient.Part portrait(String name) throws IOException {
        return new ApiClient.Part("file", name, "image/jpeg", sampleJpeg(1, 960));
    }

    static byte[] sampleJpeg(int number, int width) throws IOException {
        return encode(sample(number, width), "jpg");
    }

    static BufferedImage sample(int number, int width) throws IOException {
        Path file = Path.of(System.getProperty("face-api.dir", "../pipeline/target/face-api"), "demo", "sample" + number + ".jpg");
        BufferedImage photo = ImageIO.read(file.toFile());
        if (photo == null) {
            throw new IOException("sample photo missing: " + file + " (the pipeline build unpacks it)");
        }
        int height = photo.getHeight() * width / photo.getWidth();
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(photo, 0, 0, width, height, null);
        g.dispose();
        return scaled;
    }

    /**
     * A 640x360 H.264 clip that pans and zooms across a sample photo, with an AAC sine tone: the
     * kind of footage extract must follow face by face.
     */
    static ApiClient.Part panZoomVideo(String name, int frames) throws IOException {
        return panZoomVideo(name, frames, 0);
    }

    /** As {@link #panZoomVideo(String, int)}, with a keyframe every {@code keyframeEvery} frames (0: x264's own choice). */
    static ApiClient.Part panZoomVideo(String name, int frames, int keyframeEvery) throws IOException {
        BufferedImage photo = sample(2, 1280);
        int width = 640;
        int height = 360;
        Path file = Files.createTempFile("doppel-test-", ".mp4");
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 1);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(10);
            if (keyframeEvery > 0) {
                recorder.setGopSize(keyframeEvery);
            }
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(44_100);
            recorder.start();
            for (int i = 0; i < frames; i++) {
                double zoom = 1.0 + 0.2 * i / frames;
                int cropWidth = (int) (photo.getWidth() / zoom);
                int cropHeight = cropWidth * height / width;
                int x = (photo.getWidth() - cropWidth) * i / Math.max(1, frames - 1);
                int y = Math.max(0, (photo.getHeight() - cropHeight) / 2);
                BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
                Graphics2D g = frame.createGraphics();
                g.drawImage(photo, 0, 0, width, height, x, y, x + cropWidth, y + cropHeight, null);
                g.dispose();
                recorder.record(converter.convert(frame));
                recorder.recordSamples(44_100, 1, tone(4_410, i));
            }
            recorder.stop();
            return new ApiClient.Part("file", name, "video/mp4", Files.readAllBytes(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The audio samples of a mono video's sound track, as FFmpeg decodes them. */
    static long audioSamples(Path file) throws Exception {
        long samples = 0;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            for (Frame frame = grabber.grabSamples(); frame != null; frame = grabber.grabSamples()) {
                samples += frame.samples[0].limit();
            }
        }
        return samples;
    }

    /** A short Motion JPEG QuickTime clip of an odd height, which H.264 in 4:2:0 cannot keep. */
    static ApiClient.Part oddSizedMov(String name) throws IOException {
        Path file = Files.createTempFile("doppel-test-", ".mov");
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 320, 241, 0);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("mov");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MJPEG);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUVJ444P);
            recorder.setFrameRate(10);
            recorder.start();
            for (int i = 0; i < 5; i++) {
                recorder.record(converter.convert(picture(320, 241, Color.ORANGE)));
            }
            recorder.stop();
            return new ApiClient.Part("file", name, "video/quicktime", Files.readAllBytes(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** An MP4 holding one second of AAC sound and no picture. */
    static byte[] soundOnlyMp4() throws IOException {
        Path file = Files.createTempFile("doppel-test-", ".mp4");
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 1)) {
            recorder.setFormat("mp4");
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(44_100);
            recorder.start();
            for (int i = 0; i < 10; i++) {
                recorder.recordSamples(44_100, 1, tone(4_410, i));
            }
            recorder.stop();
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static java.nio.ShortBuffer tone(int samples, int offset) {
        short[] wave = new short[samples];
        for (int i = 0; i < samples; i++) {
            wave[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (offset * samples + i) / 44_100.0));
        }
        return java.nio.ShortBuffer.wrap(wave);
    }

    static ApiClient.Part jpeg(String name, int width, int height) throws IOException {
        return new ApiClient.Part("file", name, "image/jpeg", encode(picture(width, height, Color.ORANGE), "jpg"));
    }

    static ApiClient.Part png(String name, int width, int height) throws IOException {
        return new ApiClient.Part("file", name, "image/png", encode(picture(width, height, Color.CYAN), "png"));
    }

    /** A valid PNG header that claims a 100000 x 100000 image: decoding it would need 40 GB. */
    static ApiClient.Part pixelBomb() {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(100_000).putInt(100_000).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return new ApiClient.Part("file", "bomb.png", "image/png", out.toByteArray());
    }

    static ApiClient.Part truncatedJpeg() throws IOException {
        byte[] whole = jpeg("x.jpg", 320, 240).bytes();
        return new ApiClient.Part("file", "truncated.jpg", "image/jpeg", Arrays.copyOf(whole, 200));
    }

    /** Text that claims to be a JPEG: only the content decides. */
    static ApiClient.Part textPretendingToBeJpeg() {
        return new ApiClient.Part("file", "notes.jpg", "image/jpeg", "just some text, not a picture".getBytes());
    }

    private static BufferedImage picture(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
