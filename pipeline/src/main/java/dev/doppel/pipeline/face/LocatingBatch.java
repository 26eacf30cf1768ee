package dev.doppel.pipeline.face;

import java.util.ArrayList;
import java.util.List;

import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.stage.StageTimes;

/**
 * Pictures gathered to go through the detector and landmark nets at once (about half a lone
 * picture's time each on two cores), each handed on with its faces in the order added: up to
 * {@value #SIZE} of them, and no more pixels than that many 1080p frames, so a batch of 4K frames
 * or 12-megapixel photos stays small. What extraction of a video's frames and of a face set's
 * photos shares.
 *
 * @param <T> what the caller keeps with each picture
 */
public final class LocatingBatch<T> {

    public static final int SIZE = 8;
    private static final long MAX_PIXELS = SIZE * 1920L * 1080;

    /** Receives each picture with its faces, largest first, in the order the pictures were added. */
    @FunctionalInterface
    public interface Located<T> {
        void accept(T item, RgbImage picture, List<LocatedFace> faces) throws Exception;
    }

    private final FaceExtractor extractor;
    private final Located<T> consumer;
    private final List<T> items = new ArrayList<>();
    private final List<RgbImage> pictures = new ArrayList<>();
    private long pixels;

    public LocatingBatch(FaceExtractor extractor, Located<T> consumer) {
        this.extractor = extractor;
        this.consumer = consumer;
    }

    /** Adds a picture, locating the batch first where the picture would overfill it, and after where it fills it. */
    public void add(T item, RgbImage picture) throws Exception {
        long size = (long) picture.width() * picture.height();
        if (!pictures.isEmpty() && pixels + size > MAX_PIXELS) {
            flush();
        }
        items.add(item);
        pictures.add(picture);
        pixels += size;
        if (pictures.size() == SIZE) {
            flush();
        }
    }

    /** Locates what is gathered and hands it on; at the end, and before anything that must come after it. */
    public void flush() throws Exception {
        if (pictures.isEmpty()) {
            return;
        }
        List<List<LocatedFace>> located = extractor.locateAll(pictures, new StageTimes());
        for (int n = 0; n < pictures.size(); n++) {
            consumer.accept(items.get(n), pictures.get(n), located.get(n));
        }
        items.clear();
        pictures.clear();
        pixels = 0;
    }
}
