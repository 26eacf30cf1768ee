package dev.doppel.pipeline.face;

import java.io.IOException;
import java.util.List;

/**
 * Faces per second for detection plus landmarks on one sample photo. A measurement to run by
 * hand, not a test (timings have no place in CI):
 * {@code OMP_NUM_THREADS=2 java -cp <test classpath> dev.doppel.pipeline.face.FaceThroughput [sampleN] [rounds]}
 */
public final class FaceThroughput {

    private FaceThroughput() {
    }

    public static void main(String[] args) throws IOException {
        String sample = args.length > 0 ? args[0] : "sample1";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        SsdFaceDetector detector = SsdFaceDetector.load(FaceApiAssets.models());
        Landmark68Model landmarks = Landmark68Model.load(FaceApiAssets.models());
        RgbImage photo = FaceApiAssets.photo(sample);
        for (int i = 0; i < 3; i++) {
            run(detector, landmarks, photo);
        }
        long detectNanos = 0;
        long landmarkNanos = 0;
        int faces = 0;
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            List<DetectedFace> found = detector.detect(photo);
            long detected = System.nanoTime();
            landmarks.landmarks(photo, found.stream().map(DetectedFace::box).toList());
            landmarkNanos += System.nanoTime() - detected;
            detectNanos += detected - start;
            faces += found.size();
        }
        double seconds = (detectNanos + landmarkNanos) / 1e9;
        System.out.printf("%s: %d faces a photo; detect %.1f ms, landmarks %.1f ms a photo; %.1f photos/s, %.1f faces/s%n",
                sample, faces / rounds, detectNanos / 1e6 / rounds, landmarkNanos / 1e6 / rounds, rounds / seconds,
                faces / seconds);
    }

    private static void run(SsdFaceDetector detector, Landmark68Model landmarks, RgbImage photo) {
        landmarks.landmarks(photo, detector.detect(photo).stream().map(DetectedFace::box).toList());
    }
}
