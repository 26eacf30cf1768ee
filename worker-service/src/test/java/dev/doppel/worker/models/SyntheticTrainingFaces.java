package dev.doppel.worker.models;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.doppel.pipeline.face.LandmarkSet;
import dev.doppel.pipeline.train.TrainingFace;

/**
 * Learnable stand-ins for aligned faces: soft coloured ellipses on a tinted background, an oval
 * mask, and 68 landmarks where a face's jaw, brows, nose, eyes and mouth would be, so the eye and
 * mouth loss weights land somewhere sensible; the faces of one call are one clip, as a motion model
 * pairs them.
 */
final class SyntheticTrainingFaces {

    private SyntheticTrainingFaces() {
    }

    static List<TrainingFace> of(int count, int size, long seed) {
        Random random = new Random(seed);
        List<TrainingFace> faces = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            faces.add(face(size, random, "clip-" + seed));
        }
        return faces;
    }

    private static TrainingFace face(int size, Random random, String clip) {
        BufferedImage crop = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = crop.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(random.nextInt(80) + 60, random.nextInt(80) + 60, random.nextInt(80) + 60));
        g.fillRect(0, 0, size, size);
        g.setColor(new Color(200 + random.nextInt(40), 150 + random.nextInt(40), 120 + random.nextInt(40)));
        g.fillOval(size / 6, size / 8, size * 2 / 3, size * 3 / 4);
        g.setColor(new Color(40, 30, 30));
        int eye = size / 12;
        g.fillOval(size * 3 / 8 - eye / 2, size * 2 / 5, eye, eye / 2);
        g.fillOval(size * 5 / 8 - eye / 2, size * 2 / 5, eye, eye / 2);
        g.setColor(new Color(160, 60, 60));
        g.fillOval(size / 2 - size / 10, size * 2 / 3, size / 5, size / 14);
        g.dispose();
        BufferedImage mask = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D m = mask.createGraphics();
        m.setColor(Color.WHITE);
        m.fillOval(size / 6, size / 8, size * 2 / 3, size * 3 / 4);
        m.dispose();
        return new TrainingFace(crop, mask, landmarks(size), clip);
    }

    private static LandmarkSet landmarks(int size) {
        List<LandmarkSet.Point> points = new ArrayList<>();
        arc(points, 17, size / 2.0, size / 2.0, size / 3.0, size * 0.4, Math.PI, 0);      // jaw
        line(points, 5, size * 0.28, size * 0.34, size * 0.44, size * 0.32);               // right brow
        line(points, 5, size * 0.56, size * 0.32, size * 0.72, size * 0.34);               // left brow
        line(points, 9, size * 0.5, size * 0.4, size * 0.5, size * 0.6);                   // nose
        ring(points, 6, size * 0.375, size * 0.42, size * 0.05);                           // right eye
        ring(points, 6, size * 0.625, size * 0.42, size * 0.05);                           // left eye
        ring(points, 12, size * 0.5, size * 0.7, size * 0.1);                              // outer lips
        ring(points, 8, size * 0.5, size * 0.7, size * 0.06);                              // inner lips
        return new LandmarkSet(points);
    }

    private static void arc(List<LandmarkSet.Point> points, int n, double cx, double cy, double rx, double ry, double from, double to) {
        for (int i = 0; i < n; i++) {
            double a = from + (to - from) * i / (n - 1);
            points.add(new LandmarkSet.Point(cx - rx * Math.cos(a), cy + ry * Math.sin(a)));
        }
    }

    private static void line(List<LandmarkSet.Point> points, int n, double x0, double y0, double x1, double y1) {
        for (int i = 0; i < n; i++) {
            double t = (double) i / (n - 1);
            points.add(new LandmarkSet.Point(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t));
        }
    }

    private static void ring(List<LandmarkSet.Point> points, int n, double cx, double cy, double r) {
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            points.add(new LandmarkSet.Point(cx + r * Math.cos(a), cy + r * 0.5 * Math.sin(a)));
        }
    }
}
