package dev.doppel.pipeline.drive;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.List;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

import dev.doppel.pipeline.face.FaceBox;
import dev.doppel.pipeline.face.LandmarkSet;
import dev.doppel.pipeline.face.LocatedFace;
import dev.doppel.pipeline.image.RgbImage;

/**
 * A real photo made to open its mouth: everything below the mouth line, across the mouth's width
 * and fading out beside it, moves down (the jaw drops), and the gap between the lips is the dark of
 * an open mouth. Enough for a landmark net to see the mouth open by the amount asked, which a
 * test of reenactment needs from a driver and from the faces a model learns the target from.
 */
public final class TalkingFace {

    public static final int SAMPLE_RATE = 44_100;

    private final RgbImage picture;
    private final double mouthX;
    private final double mouthY;
    private final double halfWidth;
    private final double chinY;

    /**
     * The picture cut to {@code face} and its surroundings, {@code margin} face widths each side,
     * scaled so the face is {@code faceWidth} pixels wide, even-sized.
     */
    public static TalkingFace around(RgbImage photo, LocatedFace face, double margin, int faceWidth) {
        FaceBox box = face.detection().box();
        int left = (int) Math.max(0, box.x() - margin * box.width());
        int top = (int) Math.max(0, box.y() - margin * box.height());
        int right = (int) Math.min(photo.width(), box.right() + margin * box.width());
        int bottom = (int) Math.min(photo.height(), box.bottom() + margin * box.height());
        double scale = faceWidth / box.width();
        int width = (int) Math.round((right - left) * scale) & ~1;
        int height = (int) Math.round((bottom - top) * scale) & ~1;
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(photo.toImage().getSubimage(left, top, right - left, bottom - top), 0, 0, width, height, null);
        g.dispose();
        List<LandmarkSet.Point> moved = face.landmarks().points().stream()
                .map(p -> new LandmarkSet.Point((p.x() - left) * scale, (p.y() - top) * scale)).toList();
        return new TalkingFace(RgbImage.of(scaled), new LandmarkSet(moved));
    }

    private TalkingFace(RgbImage picture, LandmarkSet landmarks) {
        this.picture = picture;
        List<LandmarkSet.Point> p = landmarks.points();
        double x = 0;
        double y = 0;
        for (LandmarkSet.Point inner : p.subList(60, 68)) {
            x += inner.x() / 8;
            y += inner.y() / 8;
        }
        this.mouthX = x;
        this.mouthY = y;
        this.halfWidth = Math.hypot(p.get(54).x() - p.get(48).x(), p.get(54).y() - p.get(48).y()) / 2;
        this.chinY = p.get(8).y();
    }

    public RgbImage picture() {
        return picture;
    }

    /** The picture with the mouth {@code open} (0 closed as photographed, 1 wide open). */
    public BufferedImage frame(double open) {
        int w = picture.width();
        int h = picture.height();
        double drop = open * 1.1 * halfWidth;
        int dark = new Color(40, 12, 16).getRGB();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double across = (x - mouthX) / (1.8 * halfWidth);
                double weight = Math.max(0, 1 - across * across);
                double below = y - mouthY;
                // The drop fades out past the chin, so the neck stretches rather than tears.
                double fade = below <= 0 ? 0 : Math.min(1, Math.max(0, 1 - (y - chinY - drop) / (chinY - mouthY + 1e-6)));
                double shift = drop * weight * fade;
                // The open mouth: an ellipse as wide as the lips and as tall as the drop, below the mouth's centre line.
                double ex = (x - mouthX) / (0.75 * halfWidth);
                double ey = drop <= 0 ? 2 : (below - drop / 2) / (drop / 2);
                boolean gap = ex * ex + ey * ey < 1;
                out.setRGB(x, y, gap ? dark : sample(x, y - shift));
            }
        }
        return out;
    }

    private BufferedImage grey() {
        BufferedImage out = new BufferedImage(picture.width(), picture.height(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.dispose();
        return out;
    }

    private int sample(double x, double y) {
        int xi = (int) Math.max(0, Math.min(picture.width() - 1, Math.round(x)));
        int yi = (int) Math.max(0, Math.min(picture.height() - 1, Math.round(y)));
        return 0xff << 24 | picture.value(xi, yi, 0) << 16 | picture.value(xi, yi, 1) << 8 | picture.value(xi, yi, 2);
    }

    /**
     * An MP4 (H.264, AAC tone of the video's length) of the face opening its mouth as {@code openings}
     * says, frame by frame; a NaN opening is a grey frame, where the face has left the picture.
     */
    public void record(Path file, double[] openings, int fps) throws Exception {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), picture.width(), picture.height(), 1);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setVideoOption("crf", "16");
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(SAMPLE_RATE);
            recorder.start();
            long written = 0;
            for (int k = 0; k < openings.length; k++) {
                recorder.record(converter.convert(Double.isNaN(openings[k]) ? grey() : frame(openings[k])));
                int samples = (int) ((k + 1L) * SAMPLE_RATE / fps - written);
                short[] pcm = new short[samples];
                for (int i = 0; i < samples; i++) {
                    pcm[i] = (short) (6000 * Math.sin(2 * Math.PI * 330 * (written + i) / SAMPLE_RATE));
                }
                recorder.recordSamples(SAMPLE_RATE, 1, ShortBuffer.wrap(pcm));
                written += samples;
            }
            recorder.stop();
        }
    }

    /** A clip of plain grey frames with sound: no face anywhere. */
    public static void blank(Path file, int width, int height, int frames, int fps) throws Exception {
        byte[] grey = new byte[width * height * 3];
        java.util.Arrays.fill(grey, (byte) 128);
        TalkingFace nobody = new TalkingFace(new RgbImage(width, height, grey));
        double[] closed = new double[frames];
        nobody.record(file, closed, fps);
    }

    private TalkingFace(RgbImage picture) {
        this.picture = picture;
        this.mouthX = -1;
        this.mouthY = Double.MAX_VALUE;
        this.halfWidth = 0;
        this.chinY = Double.MAX_VALUE;
    }
}
