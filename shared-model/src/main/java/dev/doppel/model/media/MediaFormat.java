package dev.doppel.model.media;

import java.util.Optional;

/** The upload formats we accept, recognised by their magic bytes rather than the client's Content-Type. */
public enum MediaFormat {
    JPEG(MediaKind.IMAGE, "jpg", "image/jpeg"),
    PNG(MediaKind.IMAGE, "png", "image/png"),
    MP4(MediaKind.VIDEO, "mp4", "video/mp4"),
    MOV(MediaKind.VIDEO, "mov", "video/quicktime"),
    WEBM(MediaKind.VIDEO, "webm", "video/webm");

    /** Enough leading bytes to tell every format apart. */
    public static final int SNIFF_BYTES = 16;

    private final MediaKind kind;
    private final String extension;
    private final String contentType;

    MediaFormat(MediaKind kind, String extension, String contentType) {
        this.kind = kind;
        this.extension = extension;
        this.contentType = contentType;
    }

    public MediaKind kind() {
        return kind;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<MediaFormat> sniff(byte[] head) {
        if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return Optional.of(WEBM);
        }
        // ISO base media: a box size, then "ftyp" and the major brand; QuickTime's brand is "qt  ".
        if (startsWith(head, 4, 'f', 't', 'y', 'p')) {
            return Optional.of(startsWith(head, 8, 'q', 't', ' ', ' ') ? MOV : MP4);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, int offset, int... expected) {
        if (head.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((head[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
