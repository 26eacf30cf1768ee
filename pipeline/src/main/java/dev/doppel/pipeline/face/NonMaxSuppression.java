package dev.doppel.pipeline.face;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy non-maximum suppression as face-api's SSD does it: candidates above the score threshold,
 * best first (ties keep their order), each kept unless it overlaps a kept box by more than the
 * IoU threshold.
 */
final class NonMaxSuppression {

    private NonMaxSuppression() {
    }

    /**
     * @param boxes ymin, xmin, ymax, xmax per box
     * @return indices of the kept boxes, best first
     */
    static List<Integer> select(float[][] boxes, float[] scores, int maxResults, double iouThreshold,
            double scoreThreshold) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > scoreThreshold) {
                candidates.add(i);
            }
        }
        candidates.sort(Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        List<Integer> kept = new ArrayList<>();
        for (int candidate : candidates) {
            if (kept.size() >= Math.min(maxResults, boxes.length)) {
                break;
            }
            boolean suppressed = false;
            for (int k = kept.size() - 1; k >= 0 && !suppressed; k--) {
                suppressed = iou(boxes[candidate], boxes[kept.get(k)]) > iouThreshold;
            }
            if (!suppressed) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    static double iou(float[] a, float[] b) {
        double areaA = area(a);
        double areaB = area(b);
        if (areaA <= 0 || areaB <= 0) {
            return 0;
        }
        double top = Math.max(Math.min(a[0], a[2]), Math.min(b[0], b[2]));
        double left = Math.max(Math.min(a[1], a[3]), Math.min(b[1], b[3]));
        double bottom = Math.min(Math.max(a[0], a[2]), Math.max(b[0], b[2]));
        double right = Math.min(Math.max(a[1], a[3]), Math.max(b[1], b[3]));
        double intersection = Math.max(bottom - top, 0) * Math.max(right - left, 0);
        return intersection / (areaA + areaB - intersection);
    }

    private static double area(float[] box) {
        return Math.abs(box[2] - box[0]) * Math.abs(box[3] - box[1]);
    }
}
