package dev.doppel.pipeline.face;

/**
 * Which video frames to extract faces from: every nth decoded frame, or about targetFps frames
 * a second (the first frame of each 1/targetFps slot of presentation time, which also holds for
 * variable frame rates). Exactly one is set; the other is 0.
 */
public record FrameSampling(int everyNth, double targetFps) {

    public FrameSampling {
        boolean byCount = everyNth > 0 && targetFps == 0;
        boolean byRate = everyNth == 0 && targetFps > 0 && Double.isFinite(targetFps);
        if (!byCount && !byRate) {
            throw new IllegalArgumentException("set either everyNth > 0 or targetFps > 0, not both; got " + everyNth + " and " + targetFps);
        }
    }

    public static FrameSampling everyNth(int n) {
        return new FrameSampling(n, 0);
    }

    public static FrameSampling fps(double targetFps) {
        return new FrameSampling(0, targetFps);
    }

    /** The slot a frame falls in; a frame is taken when its slot differs from the last one taken. */
    long slot(long frameIndex, long timestampMicros) {
        if (everyNth > 0) {
            return frameIndex / everyNth;
        }
        // A microsecond of slack: 1/3 s slots against timestamps rounded to whole microseconds.
        return (long) Math.floor((timestampMicros + 1) * targetFps / 1e6);
    }
}
