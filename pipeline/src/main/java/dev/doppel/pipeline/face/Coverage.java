package dev.doppel.pipeline.face;

/**
 * How much of the head an aligned crop shows, as padding around the mean face's unit square
 * (brows to lower lip, see {@link MeanFace}) on every side, and how far the crop's centre moves up
 * from the square's, both in units of that square. FACE and WHOLE_FACE take DeepFaceLab's "full"
 * (0.2109375) and "whole_face" (0.40, centre 7 % up to keep the forehead) paddings; HEAD takes
 * its 0.70 with a larger lift of our own (0.25), since without 3D landmarks the skull lies above.
 */
public enum Coverage {
    FACE(0.2109375, 0),
    WHOLE_FACE(0.40, 0.07),
    HEAD(0.70, 0.25);

    private final double padding;
    private final double lift;

    Coverage(double padding, double lift) {
        this.padding = padding;
        this.lift = lift;
    }

    /** Side of the crop in mean-face units. */
    double side() {
        return 1 + 2 * padding;
    }

    /** Top-left corner of the crop in mean-face coordinates. */
    double left() {
        return -padding;
    }

    double top() {
        return -padding - lift;
    }
}
