package dev.doppel.pipeline.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/** An 8-bit RGB picture, pixels row by row, channels interleaved. */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        if (width <= 0 || height <= 0 || rgb.length != width * height * 3) {
            throw new IllegalArgumentException("expected " + width + " x " + height + " x 3 bytes, got " + rgb.length);
        }
    }

    public static RgbImage read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException("not a readable image: " + file.getFileName());
        }
        return of(image);
    }

    public static RgbImage of(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] rgb = new byte[width * height * 3];
        // Decoded video frames are 3-byte BGR: swap the bytes rather than go through getRGB per pixel.
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getData().length == rgb.length) {
            byte[] bgr = buffer.getData();
            for (int i = 0; i < rgb.length; i += 3) {
                rgb[i] = bgr[i + 2];
                rgb[i + 1] = bgr[i + 1];
                rgb[i + 2] = bgr[i];
            }
            return new RgbImage(width, height, rgb);
        }
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        return new RgbImage(width, height, rgb);
    }

    /** This image without its last column or row where they are odd: H.264 needs even sides. */
    public RgbImage evenSized() {
        int evenWidth = width & ~1;
        int evenHeight = height & ~1;
        if (evenWidth == width && evenHeight == height) {
            return this;
        }
        byte[] even = new byte[evenWidth * evenHeight * 3];
        for (int y = 0; y < evenHeight; y++) {
            System.arraycopy(rgb, y * width * 3, even, y * evenWidth * 3, evenWidth * 3);
        }
        return new RgbImage(evenWidth, evenHeight, even);
    }

    /**
     * The same pixels as a TYPE_3BYTE_BGR image, for encoders and drawing: the layout FFmpeg takes
     * as it is, so a video frame goes to the encoder without another conversion.
     */
    public BufferedImage toImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < bgr.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return image;
    }

    /** Channel c (0 red, 1 green, 2 blue) of pixel (x, y), 0..255. */
    public int value(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }
}
