package dev.doppel.pipeline.convert;

import dev.doppel.pipeline.face.FaceBox;
import dev.doppel.pipeline.image.RgbImage;

/**
 * Where a conversion changed a photo, against one swapped face's detector box: pixels changed away
 * from it (a swap must leave those alone) and the share of its core that changed (a swap must
 * redraw it). Any family's conversion is held to the same two figures.
 *
 * @param outside pixels changed beyond twice the box: the crop around a whole face reaches well past
 *                the detector's box, twice its size bounds it
 * @param core    the share of the middle half of the box (eyes, nose and mouth, well inside the mask) that changed
 */
public record PasteBackChanges(long outside, double core) {

    public static PasteBackChanges of(RgbImage before, RgbImage after, FaceBox face) {
        FaceBox reach = new FaceBox(face.x() - face.width() / 2, face.y() - face.height() / 2, face.width() * 2, face.height() * 2);
        long outside = 0;
        long changedCore = 0;
        long core = 0;
        for (int y = 0; y < before.height(); y++) {
            for (int x = 0; x < before.width(); x++) {
                boolean changed = differs(before, after, x, y);
                if (!reach.contains(x, y)) {
                    outside += changed ? 1 : 0;
                } else if (insideCore(face, x, y)) {
                    core++;
                    changedCore += changed ? 1 : 0;
                }
            }
        }
        return new PasteBackChanges(outside, (double) changedCore / core);
    }

    private static boolean differs(RgbImage a, RgbImage b, int x, int y) {
        for (int c = 0; c < 3; c++) {
            if (a.value(x, y, c) != b.value(x, y, c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean insideCore(FaceBox box, int x, int y) {
        return x > box.x() + box.width() / 4 && x < box.right() - box.width() / 4 && y > box.y() + box.height() / 4
                && y < box.bottom() - box.height() / 4;
    }
}
