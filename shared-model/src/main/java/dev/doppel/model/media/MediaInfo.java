package dev.doppel.model.media;

/** What a probe learned about an accepted file; {@code durationMillis} and {@code frameRate} are 0 for stills. */
public record MediaInfo(MediaFormat format, int width, int height, long durationMillis, double frameRate, int streams) {

    public MediaKind kind() {
        return format.kind();
    }
}
