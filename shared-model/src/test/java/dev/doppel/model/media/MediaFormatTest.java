package dev.doppel.model.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MediaFormatTest {

    @Test
    void recognisesEachFormatByItsMagicBytes() {
        assertThat(MediaFormat.sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0))).contains(MediaFormat.JPEG);
        assertThat(MediaFormat.sniff(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A))).contains(MediaFormat.PNG);
        assertThat(MediaFormat.sniff(bytes(0x1A, 0x45, 0xDF, 0xA3, 0x01))).contains(MediaFormat.WEBM);
        assertThat(MediaFormat.sniff(bytes(0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'))).contains(MediaFormat.MP4);
        assertThat(MediaFormat.sniff(bytes(0, 0, 0, 0x14, 'f', 't', 'y', 'p', 'q', 't', ' ', ' '))).contains(MediaFormat.MOV);
    }

    @Test
    void refusesEverythingElseWhateverItsNameSays() {
        assertThat(MediaFormat.sniff("GIF89a....".getBytes())).isEmpty();
        assertThat(MediaFormat.sniff("<svg xmlns=".getBytes())).isEmpty();
        assertThat(MediaFormat.sniff(bytes(0xFF, 0xD8))).isEmpty();
        assertThat(MediaFormat.sniff(new byte[0])).isEmpty();
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
