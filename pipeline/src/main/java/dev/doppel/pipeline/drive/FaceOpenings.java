package dev.doppel.pipeline.drive;

import dev.doppel.pipeline.face.LandmarkSet;

/**
 * How open a face's mouth and eyes are, from its 68 landmarks, as fractions of a length that does
 * not move with expression, so faces of any size and either person compare: the mouth's inner-lip
 * gap over the distance between the eyes, each eye's lid gap over its own width.
 */
public record FaceOpenings(double mouth, double eyes) {

    public static FaceOpenings of(LandmarkSet landmarks) {
        var p = landmarks.points();
        double eyeDistance = distance(landmarks.leftEye(), landmarks.rightEye());
        // Inner lips: 61-63 above, 67-65 below, pairwise.
        double mouth = (distance(p.get(61), p.get(67)) + distance(p.get(62), p.get(66)) + distance(p.get(63), p.get(65))) / 3;
        return new FaceOpenings(mouth / Math.max(1e-6, eyeDistance), (eye(landmarks, 36) + eye(landmarks, 42)) / 2);
    }

    /** An eye's lids (points 1-5 and 2-4 of its six) over its corners' distance (0-3). */
    private static double eye(LandmarkSet landmarks, int first) {
        var p = landmarks.points();
        double lids = (distance(p.get(first + 1), p.get(first + 5)) + distance(p.get(first + 2), p.get(first + 4))) / 2;
        return lids / Math.max(1e-6, distance(p.get(first), p.get(first + 3)));
    }

    private static double distance(LandmarkSet.Point a, LandmarkSet.Point b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }
}
