package dev.doppel.pipeline.media;

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

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
