package dev.doppel.pipeline.reenact;

import java.util.ArrayList;
import java.util.List;

import dev.doppel.pipeline.face.LandmarkSet;

/**
 * Moves the target's landmarks by the driver's change of expression, not to the driver's
 * positions: the relative-motion rule of the first-order motion model (Siarohin et al. 2019),
 * target + (driver - driver's neutral) x the faces' size ratio. All three sets are in the same
 * aligned crop, where head position, size and roll are already taken out, so what moves is the
 * expression, and the target keeps its own face shape and proportions.
 */
public final class MotionTransfer {

    private MotionTransfer() {
    }

    public static LandmarkSet relative(LandmarkSet target, LandmarkSet driver, LandmarkSet neutral) {
        // The square root of the hulls' area ratio: a narrower face moves its mouth less (FOMM's adapt_movement_scale).
        double scale = Math.sqrt(hullArea(target) / Math.max(1e-6, hullArea(neutral)));
        List<LandmarkSet.Point> moved = new ArrayList<>(68);
        for (int i = 0; i < 68; i++) {
            LandmarkSet.Point t = target.points().get(i);
            LandmarkSet.Point d = driver.points().get(i);
            LandmarkSet.Point n = neutral.points().get(i);
            moved.add(new LandmarkSet.Point(t.x() + (d.x() - n.x()) * scale, t.y() + (d.y() - n.y()) * scale));
        }
        return new LandmarkSet(moved);
    }

    /** The area inside the jaw and brows: the outline 0-16 and back along 26-17 (shoelace formula). */
    static double hullArea(LandmarkSet landmarks) {
        List<LandmarkSet.Point> outline = new ArrayList<>(landmarks.points().subList(0, 17));
        for (int i = 26; i >= 17; i--) {
            outline.add(landmarks.points().get(i));
        }
        double twice = 0;
        for (int i = 0; i < outline.size(); i++) {
            LandmarkSet.Point a = outline.get(i);
            LandmarkSet.Point b = outline.get((i + 1) % outline.size());
            twice += a.x() * b.y() - b.x() * a.y();
        }
        return Math.abs(twice) / 2;
    }
}
