package dev.doppel.pipeline.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LabelledPngTest {

    @Test
    void pngCarriesSoftwareAndIptcSourceTypeAndStillDecodes() throws Exception {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        image.setRGB(5, 5, 0xFF0000);

        byte[] png = LabelledPng.encode(image, new Provenance(DigitalSourceType.COMPOSITE, "Contact sheet <test>"));

        String raw = new String(png, StandardCharsets.ISO_8859_1);
        assertThat(raw).contains("XML:com.adobe.xmp")
                .contains("http://cv.iptc.org/newscodes/digitalsourcetype/composite")
                .contains("Software\0Doppel")
                .contains("Contact sheet &lt;test&gt;");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(decoded.getWidth()).isEqualTo(40);
        assertThat(decoded.getRGB(5, 5) & 0xFFFFFF).isEqualTo(0xFF0000);
    }
}
