package dev.doppel.pipeline.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/** Writes PNGs that carry their {@link Provenance}: tEXt Software/Description and the XMP packet in iTXt. */
public final class LabelledPng {

    private static final String PNG_FORMAT = "javax_imageio_png_1.0";

    private LabelledPng() {
    }

    public static byte[] encode(BufferedImage image, Provenance provenance) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
            label(metadata, provenance);
            writer.write(new IIOImage(image, null, metadata));
            out.flush();
            return bytes.toByteArray();
        } finally {
            writer.dispose();
        }
    }

    private static void label(IIOMetadata metadata, Provenance provenance) throws IIOInvalidTreeException {
        IIOMetadataNode text = new IIOMetadataNode("tEXt");
        text.appendChild(textEntry("Software", Provenance.SOFTWARE));
        text.appendChild(textEntry("Description", provenance.description()));
        IIOMetadataNode international = new IIOMetadataNode("iTXt");
        IIOMetadataNode xmp = new IIOMetadataNode("iTXtEntry");
        xmp.setAttribute("keyword", "XML:com.adobe.xmp");
        xmp.setAttribute("compressionFlag", "FALSE");
        xmp.setAttribute("compressionMethod", "0");
        xmp.setAttribute("languageTag", "");
        xmp.setAttribute("translatedKeyword", "");
        xmp.setAttribute("text", provenance.xmp());
        international.appendChild(xmp);
        IIOMetadataNode root = new IIOMetadataNode(PNG_FORMAT);
        root.appendChild(text);
        root.appendChild(international);
        metadata.mergeTree(PNG_FORMAT, root);
    }

    private static IIOMetadataNode textEntry(String keyword, String value) {
        IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
        entry.setAttribute("keyword", keyword);
        entry.setAttribute("value", value);
        return entry;
    }
}
