package dev.doppel.pipeline.face;

import java.util.List;

/**
 * The 68 facial landmarks of the iBUG 300-W scheme, in image pixels: jaw 0-16, brows 17-26,
 * nose 27-35, eyes 36-41 and 42-47 (the subject's right, then left), mouth 48-67.
 */
public record LandmarkSet(List<Point> points) {

    public record Point(double x, double y) {
    }

    public LandmarkSet {
        if (points.size() != 68) {
            throw new IllegalArgumentException("expected 68 landmarks, got " + points.size());
        }
        points = List.copyOf(points);
    }

    /** The eye on the left of the picture. */
    public Point leftEye() {
        return centre(36, 42);
    }

    /** The eye on the right of the picture. */
    public Point rightEye() {
        return centre(42, 48);
    }

    public Point mouth() {
        return centre(48, 68);
    }

    /**
     * The square crop face-api feeds its recognition net, after dlib's face chips: sized from
     * the eye-to-mouth distance, centred on the eyes and mouth (face-api's {@code alignDlib}).
     */
    public FaceBox recognitionCrop() {
        Point left = leftEye();
        Point right = rightEye();
        Point mouth = mouth();
        double eyeToMouth = (distance(mouth, left) + distance(mouth, right)) / 2;
        double size = Math.floor(eyeToMouth / 0.45);
        double centreX = (left.x() + right.x() + mouth.x()) / 3;
        double centreY = (left.y() + right.y() + mouth.y()) / 3;
        double x = Math.floor(Math.max(0, centreX - 0.5 * size));
        double y = Math.floor(Math.max(0, centreY - 0.43 * size));
        return new FaceBox(x, y, size, size);
    }

    private Point centre(int from, int to) {
        double x = 0;
        double y = 0;
        for (Point p : points.subList(from, to)) {
            x += p.x();
            y += p.y();
        }
        return new Point(x / (to - from), y / (to - from));
    }

    private static double distance(Point a, Point b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }
}
