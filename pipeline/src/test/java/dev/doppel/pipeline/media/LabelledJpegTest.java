package dev.doppel.pipeline.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class LabelledJpegTest {

    private static final Provenance SWAP = new Provenance(DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA,
            "Face swap <test>");

    @Test
    void jpegCarriesXmpAndCommentAndStillDecodes() throws Exception {
        BufferedImage image = picture(64, 48);

        byte[] jpeg = LabelledJpeg.encode(image, SWAP, 0.9f);

        String raw = new String(jpeg, StandardCharsets.ISO_8859_1);
        assertThat(raw).contains("http://ns.adobe.com/xap/1.0/\0<?xpacket")
                .contains("http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia")
                .contains("<xmp:CreatorTool>Doppel</xmp:CreatorTool>")
                .contains("Face swap &lt;test&gt;");
        assertThat(segmentMarkers(jpeg)).startsWith(0xE0, 0xE1, 0xFE);
        assertThat(raw).contains("Face swap <test> (IPTC digital source type "
                + DigitalSourceType.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA.uri() + "; made with Doppel)");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(decoded.getWidth()).isEqualTo(64);
        assertThat(decoded.getHeight()).isEqualTo(48);
        Color centre = new Color(decoded.getRGB(10, 10));
        assertThat(centre.getRed()).isGreaterThan(200);
        assertThat(centre.getGreen()).isLessThan(50);
    }

    @Test
    void qualityChangesTheSize() throws Exception {
        BufferedImage image = picture(128, 96);

        byte[] low = LabelledJpeg.encode(image, SWAP, 0.3f);
        byte[] high = LabelledJpeg.encode(image, SWAP, 0.95f);

        assertThat(high.length).isGreaterThan(low.length);
    }

    @Test
    void imagesWithAlphaAreFlattened() throws Exception {
        BufferedImage argb = new BufferedImage(20, 10, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(3, 3, 0xFF00FF00);

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(LabelledJpeg.encode(argb, SWAP, 0.9f)));

        assertThat(decoded.getColorModel().getNumComponents()).isEqualTo(3);
        assertThat(decoded.getWidth()).isEqualTo(20);
    }

    @Test
    void rejectsQualityOutsideZeroToOne() {
        assertThatThrownBy(() -> LabelledJpeg.encode(picture(8, 8), SWAP, 1.5f)).isInstanceOf(IllegalArgumentException.class);
    }

    private static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, (x * 255 / width) << 8 | (y * 255 / height) | ((x ^ y) & 0x10) << 12);
            }
        }
        g.setColor(Color.RED);
        g.fillRect(4, 4, 16, 16);
        g.dispose();
        return image;
    }

    /** The markers of the segments before the image data. */
    private static List<Integer> segmentMarkers(byte[] jpeg) {
        List<Integer> markers = new ArrayList<>();
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF && (jpeg[at + 1] & 0xFF) != 0xDA) {
            markers.add(jpeg[at + 1] & 0xFF);
            at += 2 + ((jpeg[at + 2] & 0xFF) << 8 | jpeg[at + 3] & 0xFF);
        }
        return markers;
    }
}
