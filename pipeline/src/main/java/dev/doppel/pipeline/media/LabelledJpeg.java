package dev.doppel.pipeline.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes JPEGs that carry their {@link Provenance}: the XMP packet in an APP1 segment, where XMP's
 * spec puts it in JPEG, and a COM segment with the statement for tools that show only comments.
 * The segments are spliced in after the JFIF header of ImageIO's output, which is simpler and
 * surer than ImageIO's metadata tree (it has no node for XMP, only "unknown" markers).
 */
public final class LabelledJpeg {

    private static final byte[] XMP_NAMESPACE = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);
    private static final int APP0 = 0xE0;
    private static final int APP1 = 0xE1;
    private static final int COM = 0xFE;
    private static final int MAX_SEGMENT = 0xFFFF - 2;

    private LabelledJpeg() {
    }

    /** @param quality 0..1, as {@link ImageWriteParam#setCompressionQuality} takes it */
    public static byte[] encode(BufferedImage image, Provenance provenance, float quality) throws IOException {
        if (!(quality >= 0f && quality <= 1f)) {
            throw new IllegalArgumentException("JPEG quality must be 0..1, was " + quality);
        }
        byte[] jpeg = plain(opaque(image), quality);
        byte[] xmp = concat(XMP_NAMESPACE, provenance.xmp().getBytes(StandardCharsets.UTF_8));
        byte[] comment = provenance.statement().getBytes(StandardCharsets.UTF_8);
        int at = afterJfif(jpeg);
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + xmp.length + comment.length + 8);
        out.write(jpeg, 0, at);
        segment(out, APP1, xmp);
        segment(out, COM, comment);
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    private static byte[] plain(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
            out.flush();
            return bytes.toByteArray();
        } finally {
            writer.dispose();
        }
    }

    // ImageIO writes an alpha channel as a CMYK-like four-channel JPEG that other readers get wrong.
    private static BufferedImage opaque(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(image, 0, 0, null);
        return rgb;
    }

    /** Just after SOI and any APP0 (JFIF, JFXX), which must stay first. */
    private static int afterJfif(byte[] jpeg) throws IOException {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new IOException("the JPEG writer produced no JPEG");
        }
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF && (jpeg[at + 1] & 0xFF) == APP0) {
            at += 2 + ((jpeg[at + 2] & 0xFF) << 8 | jpeg[at + 3] & 0xFF);
        }
        return at;
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) throws IOException {
        if (payload.length > MAX_SEGMENT) {
            throw new IOException("provenance too long for one JPEG segment: " + payload.length + " bytes");
        }
        int length = payload.length + 2;
        out.write(0xFF);
        out.write(marker);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(payload);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
