package dev.doppel.pipeline.media;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every file Doppel writes says about itself, so nothing it makes can pass as an untouched
 * original: the software, how the pixels came to be, and a sentence for people.
 */
public record Provenance(DigitalSourceType sourceType, String description) {

    public static final String SOFTWARE = "Doppel";

    /** XMP packet with the IPTC Extension DigitalSourceType, as readers such as exiftool expect it. */
    public String xmp() {
        return """
                <?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
                <x:xmpmeta xmlns:x="adobe:ns:meta/">
                 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                  <rdf:Description rdf:about=""
                    xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
                    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
                    xmlns:dc="http://purl.org/dc/elements/1.1/">
                   <Iptc4xmpExt:DigitalSourceType>%s</Iptc4xmpExt:DigitalSourceType>
                   <xmp:CreatorTool>%s</xmp:CreatorTool>
                   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:description>
                  </rdf:Description>
                 </rdf:RDF>
                </x:xmpmeta>
                <?xpacket end="r"?>""".formatted(sourceType.uri(), SOFTWARE, escape(description));
    }

    /** One line for people and for tools that show only a comment: what this is, how it was made, by what. */
    public String statement() {
        return "%s (IPTC digital source type %s; made with %s)".formatted(description, sourceType.uri(), SOFTWARE);
    }

    /**
     * Container tags for videos. The MP4 muxer keeps only the keys it knows from iTunes' ilst, so
     * the statement goes into comment (©cmt) and description (desc). The software is named inside
     * it: libavformat writes its own name into encoder (©too) whatever is set.
     */
    public Map<String, String> containerMetadata() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("comment", statement());
        tags.put("description", statement());
        return tags;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
