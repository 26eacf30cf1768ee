package dev.doppel.pipeline.drive;

import java.util.List;

import dev.doppel.pipeline.face.FaceTracker;
import dev.doppel.pipeline.face.LandmarkSet;
import dev.doppel.pipeline.face.LocatedFace;

/**
 * The driver's face frame by frame: its largest face, landmarks smoothed over time. A blink of the
 * detector keeps the last expression for up to {@value #MISSES} frames; a driver gone for longer
 * drives nothing.
 */
public final class DriverTrack {

    public static final int MISSES = 3;

    private final FaceTracker tracker = new FaceTracker();
    private LandmarkSet last;
    private int misses;

    /** The driver's smoothed landmarks at this frame, or null while it drives nothing. */
    public LandmarkSet update(List<LocatedFace> located, double seconds) {
        List<LocatedFace> smoothed = tracker.update(located, seconds);
        if (!smoothed.isEmpty()) {
            last = smoothed.get(0).landmarks();
            misses = 0;
        } else if (++misses > MISSES) {
            last = null;
        }
        return last;
    }
}
