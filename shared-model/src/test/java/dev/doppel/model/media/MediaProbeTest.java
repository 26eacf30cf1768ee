package dev.doppel.model.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaProbeTest {

    @TempDir
    Path dir;

    private final MediaProbe probe = new MediaProbe(UploadLimits.defaults());

    @Test
    void readsImageDimensions() throws Exception {
        Path png = write("a.png", image("png", 300, 200));
        MediaInfo info = probe.probe(png);
        assertThat(info.format()).isEqualTo(MediaFormat.PNG);
        assertThat(info.width()).isEqualTo(300);
        assertThat(info.height()).isEqualTo(200);
    }

    @Test
    void refusesADecompressionBombFromItsHeaderAlone() throws Exception {
        Path bomb = write("bomb.png", pngHeaderClaiming(100_000, 100_000));
        assertThatThrownBy(() -> probe.probe(bomb)).isInstanceOfSatisfying(MediaRejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(MediaRejected.Reason.TOO_LARGE));
    }

    @Test
    void refusesTruncatedAndForeignFiles() throws Exception {
        Path truncated = write("t.jpg", Arrays.copyOf(image("jpg", 200, 200), 150));
        assertThatThrownBy(() -> probe.probe(truncated)).isInstanceOfSatisfying(MediaRejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(MediaRejected.Reason.UNREADABLE));
        Path text = write("t.mp4", "hello".getBytes());
        assertThatThrownBy(() -> probe.probe(text)).isInstanceOfSatisfying(MediaRejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(MediaRejected.Reason.UNSUPPORTED));
        Path empty = write("e.png", new byte[0]);
        assertThatThrownBy(() -> probe.probe(empty)).isInstanceOf(MediaRejected.class);
    }

    @Test
    void probesVideoAndEnforcesItsLimits() throws Exception {
        Path video = dir.resolve("clip.mp4");
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(video.toFile(), 160, 120, 0);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(10);
            recorder.start();
            for (int i = 0; i < 30; i++) {
                recorder.record(converter.convert(new BufferedImage(160, 120, BufferedImage.TYPE_3BYTE_BGR)));
            }
            recorder.stop();
        }
        MediaInfo info = probe.probe(video);
        assertThat(info.format()).isEqualTo(MediaFormat.MP4);
        assertThat(info.width()).isEqualTo(160);
        assertThat(info.durationMillis()).isBetween(2500L, 3500L);
        assertThat(info.frameRate()).isEqualTo(10.0);

        MediaProbe strict = new MediaProbe(new UploadLimits(DataSize.ofMegabytes(1), 1_000_000, Duration.ofSeconds(1), 3840, 3840, 4));
        assertThatThrownBy(() -> strict.probe(video)).isInstanceOfSatisfying(MediaRejected.class,
                rejected -> assertThat(rejected.getMessage()).contains("lasts"));
        MediaProbe narrow = new MediaProbe(new UploadLimits(DataSize.ofMegabytes(1), 1_000_000, Duration.ofMinutes(1), 100, 100, 4));
        assertThatThrownBy(() -> narrow.probe(video)).isInstanceOfSatisfying(MediaRejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(MediaRejected.Reason.TOO_LARGE));
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] image(String format, int width, int height) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format, out);
        return out.toByteArray();
    }

    private static byte[] pngHeaderClaiming(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        byte[] ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2).array();
        out.writeBytes(ByteBuffer.allocate(4).putInt(13).array());
        out.writeBytes("IHDR".getBytes());
        out.writeBytes(ihdr);
        CRC32 crc = new CRC32();
        crc.update("IHDR".getBytes());
        crc.update(ihdr);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }
}
