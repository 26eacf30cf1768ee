package dev.doppel.pipeline.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * A video's frames in order, from the first again after the last: the picture a reenactment draws
 * into, for as long as the driving video lasts.
 */
public final class LoopedFrames implements AutoCloseable {

    private final Path file;
    private final FFmpegFrameGrabber grabber;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private final int width;
    private final int height;
    private long read;
    private long length = -1;
    private long passes;

    public LoopedFrames(Path file) throws IOException {
        this.file = file;
        this.grabber = VideoRewrite.open(file);
        if (!grabber.hasVideo()) {
            close();
            throw new IOException("no video stream in " + file.getFileName());
        }
        this.width = grabber.getImageWidth();
        this.height = grabber.getImageHeight();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Frames a second, as the container says; 25 where it says nothing usable. */
    public double frameRate() {
        double rate = grabber.getVideoFrameRate();
        return rate > 0 && Double.isFinite(rate) ? rate : 25;
    }

    /** The number of frames in one pass, once a pass has ended; -1 before. */
    public long length() {
        return length;
    }

    /** Times the video has started again from its first frame. */
    public long passes() {
        return passes;
    }

    /** The next frame, a copy the caller may keep. */
    public BufferedImage next() throws IOException {
        try {
            Frame frame = grabber.grabImage();
            if (frame == null) {
                if (length < 0) {
                    length = read;
                }
                passes++;
                grabber.restart();
                frame = grabber.grabImage();
                if (frame == null) {
                    throw new IOException("no decodable video frame in " + file.getFileName());
                }
            }
            read++;
            BufferedImage decoded = converter.convert(frame);
            BufferedImage copy = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_INT_RGB);
            copy.getGraphics().drawImage(decoded, 0, 0, null);
            return copy;
        } catch (FrameGrabber.Exception e) {
            throw new IOException("cannot read video " + file.getFileName() + ": decoding failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        converter.close();
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            throw new IOException("cannot close " + file.getFileName(), e);
        }
    }
}
