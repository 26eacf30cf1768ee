package dev.doppel.model.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import static dev.doppel.model.media.MediaRejected.Reason.TOO_LARGE;
import static dev.doppel.model.media.MediaRejected.Reason.UNREADABLE;
import static dev.doppel.model.media.MediaRejected.Reason.UNSUPPORTED;

/**
 * Decides whether a file is an upload we accept. Checks are ordered cheapest first and nothing is
 * decoded before its header passed the size caps, so a decompression bomb is refused from its
 * header alone. FFmpeg is pinned to the sniffed demuxer and may only open local files.
 */
public final class MediaProbe {

    static {
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    }

    private final UploadLimits limits;

    public MediaProbe(UploadLimits limits) {
        this.limits = limits;
    }

    public MediaInfo probe(Path file) {
        long bytes = size(file);
        if (bytes == 0) {
            throw new MediaRejected(UNREADABLE, "The file is empty.");
        }
        if (bytes > limits.maxBytes().toBytes()) {
            throw new MediaRejected(TOO_LARGE, "The file has " + bytes + " bytes; the limit is " + limits.maxBytes().toBytes() + ".");
        }
        MediaFormat format = MediaFormat.sniff(head(file)).orElseThrow(() -> new MediaRejected(UNSUPPORTED,
                "Only JPEG and PNG images and MP4, MOV and WebM videos are accepted; this file's content is none of them."));
        return format.kind() == MediaKind.IMAGE ? probeImage(file, format) : probeVideo(file, format);
    }

    private MediaInfo probeImage(Path file, MediaFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format == MediaFormat.PNG ? "png" : "jpeg");
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if ((long) width * height > limits.maxImagePixels()) {
                throw new MediaRejected(TOO_LARGE, "The image is " + width + "x" + height + " pixels; at most "
                        + limits.maxImagePixels() + " pixels are accepted.");
            }
            BufferedImage decoded = reader.read(0);
            if (decoded == null || decoded.getWidth() != width || decoded.getHeight() != height) {
                throw new MediaRejected(UNREADABLE, "The image could not be decoded.");
            }
            return new MediaInfo(format, width, height, 0, 0, 1);
        } catch (IOException | RuntimeException e) {
            if (e instanceof MediaRejected rejected) {
                throw rejected;
            }
            throw new MediaRejected(UNREADABLE, "The " + format + " image is corrupt or truncated.");
        } finally {
            reader.dispose();
        }
    }

    private MediaInfo probeVideo(Path file, MediaFormat format) {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setFormat(format == MediaFormat.WEBM ? "matroska" : "mov");
            grabber.setOption("protocol_whitelist", "file");
            grabber.start();
            int streams = grabber.getFormatContext().nb_streams();
            int width = grabber.getImageWidth();
            int height = grabber.getImageHeight();
            long durationMillis = grabber.getLengthInTime() / 1000;
            if (!grabber.hasVideo() || width <= 0 || height <= 0) {
                throw new MediaRejected(UNREADABLE, "The file has no readable video stream.");
            }
            if (streams > limits.maxStreams()) {
                throw new MediaRejected(TOO_LARGE, "The video has " + streams + " streams; at most " + limits.maxStreams() + " are accepted.");
            }
            if (width > limits.maxVideoWidth() || height > limits.maxVideoHeight()) {
                throw new MediaRejected(TOO_LARGE, "The video is " + width + "x" + height + "; at most "
                        + limits.maxVideoWidth() + "x" + limits.maxVideoHeight() + " is accepted.");
            }
            if (durationMillis > limits.maxVideoDuration().toMillis()) {
                throw new MediaRejected(TOO_LARGE, "The video lasts " + durationMillis / 1000 + " s; at most "
                        + limits.maxVideoDuration().toSeconds() + " s are accepted.");
            }
            Frame first = grabber.grabImage();
            if (first == null) {
                throw new MediaRejected(UNREADABLE, "No frame of the video could be decoded.");
            }
            return new MediaInfo(format, width, height, durationMillis, grabber.getFrameRate(), streams);
        } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
            throw new MediaRejected(UNREADABLE, "The " + format + " video is corrupt or uses a codec we cannot read.");
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new MediaRejected(UNREADABLE, "The upload could not be read.");
        }
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(MediaFormat.SNIFF_BYTES);
        } catch (IOException e) {
            throw new MediaRejected(UNREADABLE, "The upload could not be read.");
        }
    }
}
