package dev.doppel.pipeline.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Small previews of photos and videos (a video is shown by the frame in its middle). */
public final class Thumbnails {

    private Thumbnails() {
    }

    public static BufferedImage ofImage(Path file, int maxSide) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException("not a readable image: " + file.getFileName());
        }
        return fit(image, maxSide);
    }

    public static BufferedImage ofVideo(Path file, int maxSide) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.setOption("protocol_whitelist", "file");
            grabber.start();
            long middle = grabber.getLengthInTime() / 2;
            if (middle > 0) {
                grabber.setVideoTimestamp(middle);
            }
            Frame frame = grabber.grabImage();
            if (frame == null) {
                grabber.setVideoTimestamp(0);
                frame = grabber.grabImage();
            }
            if (frame == null) {
                throw new IOException("no decodable frame in " + file.getFileName());
            }
            return fit(converter.convert(frame), maxSide);
        } catch (FrameGrabber.Exception e) {
            throw new IOException("cannot read video " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    public static BufferedImage fit(BufferedImage source, int maxSide) {
        double scale = Math.min(1.0, (double) maxSide / Math.max(source.getWidth(), source.getHeight()));
        int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(source, 0, 0, width, height, null);
        g.dispose();
        return scaled;
    }
}
