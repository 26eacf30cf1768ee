package dev.doppel.pipeline.reenact;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.doppel.pipeline.face.LandmarkSet;
import dev.doppel.pipeline.train.TrainingFace;

/**
 * Faces whose pixels follow from their landmarks alone, so a sketch-to-face model has a mapping to
 * learn: a skin-coloured jaw outline, dark eyes and red lips filled where the landmarks put them,
 * a dark inner mouth when it is open. Each face moves a little and opens its mouth and eyes by its
 * own amount.
 */
final class SyntheticSketchFaces {

    private SyntheticSketchFaces() {
    }

    static List<TrainingFace> of(int count, int size, long seed) {
        Random random = new Random(seed);
        List<TrainingFace> faces = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            faces.add(face(landmarks(size, random.nextDouble(), random.nextDouble(), (random.nextDouble() - 0.5) * 0.3 * size,
                    (random.nextDouble() - 0.5) * 0.2 * size), size));
        }
        return faces;
    }

    /** @param mouth 0 closed to 1 wide open; @param eyes 0 shut to 1 open */
    static LandmarkSet landmarks(int size, double mouth, double eyes, double dx, double dy) {
        List<LandmarkSet.Point> p = new ArrayList<>();
        double cx = size / 2.0 + dx;
        double cy = size / 2.0 + dy;
        for (int i = 0; i < 17; i++) {
            double a = Math.PI * i / 16;
            p.add(new LandmarkSet.Point(cx - size * 0.36 * Math.cos(a), cy - size * 0.05 + size * 0.42 * Math.sin(a)));
        }
        for (int i = 0; i < 5; i++) {
            p.add(new LandmarkSet.Point(cx - size * 0.3 + size * 0.04 * i, cy - size * 0.2 - size * 0.015 * Math.sin(Math.PI * i / 4)));
        }
        for (int i = 0; i < 5; i++) {
            p.add(new LandmarkSet.Point(cx + size * 0.14 + size * 0.04 * i, cy - size * 0.2 - size * 0.015 * Math.sin(Math.PI * i / 4)));
        }
        for (int i = 0; i < 4; i++) {
            p.add(new LandmarkSet.Point(cx, cy - size * 0.15 + size * 0.05 * i));
        }
        for (int i = 0; i < 5; i++) {
            p.add(new LandmarkSet.Point(cx - size * 0.06 + size * 0.03 * i, cy + size * 0.06));
        }
        eye(p, cx - size * 0.17, cy - size * 0.1, size * 0.07, size * 0.035 * (0.2 + 0.8 * eyes));
        eye(p, cx + size * 0.17, cy - size * 0.1, size * 0.07, size * 0.035 * (0.2 + 0.8 * eyes));
        double open = size * 0.08 * mouth;
        ring(p, 12, cx, cy + size * 0.2, size * 0.13, size * 0.04 + open / 2);
        ring(p, 8, cx, cy + size * 0.2, size * 0.09, open / 2 + 0.01);
        return new LandmarkSet(p);
    }

    static TrainingFace face(LandmarkSet landmarks, int size) {
        BufferedImage crop = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = crop.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(60, 90, 120));
        g.fillRect(0, 0, size, size);
        List<LandmarkSet.Point> p = landmarks.points();
        g.setColor(new Color(225, 180, 150));
        g.fillOval((int) p.get(0).x(), (int) (p.get(19).y() - size * 0.1), (int) (p.get(16).x() - p.get(0).x()),
                (int) (p.get(8).y() - p.get(19).y() + size * 0.1));
        g.setColor(new Color(40, 30, 30));
        g.fill(polygon(p, 36, 42));
        g.fill(polygon(p, 42, 48));
        g.setColor(new Color(190, 70, 70));
        g.fill(polygon(p, 48, 60));
        g.setColor(new Color(50, 10, 10));
        g.fill(polygon(p, 60, 68));
        g.dispose();
        BufferedImage mask = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D m = mask.createGraphics();
        m.setColor(Color.WHITE);
        m.fillRect(0, 0, size, size);
        m.dispose();
        return new TrainingFace(crop, mask, landmarks);
    }

    private static Polygon polygon(List<LandmarkSet.Point> p, int from, int to) {
        Polygon polygon = new Polygon();
        for (int i = from; i < to; i++) {
            polygon.addPoint((int) Math.round(p.get(i).x()), (int) Math.round(p.get(i).y()));
        }
        return polygon;
    }

    private static void eye(List<LandmarkSet.Point> p, double cx, double cy, double half, double open) {
        p.add(new LandmarkSet.Point(cx - half, cy));
        p.add(new LandmarkSet.Point(cx - half / 3, cy - open));
        p.add(new LandmarkSet.Point(cx + half / 3, cy - open));
        p.add(new LandmarkSet.Point(cx + half, cy));
        p.add(new LandmarkSet.Point(cx + half / 3, cy + open));
        p.add(new LandmarkSet.Point(cx - half / 3, cy + open));
    }

    private static void ring(List<LandmarkSet.Point> p, int n, double cx, double cy, double rx, double ry) {
        for (int i = 0; i < n; i++) {
            double a = Math.PI + 2 * Math.PI * i / n;
            p.add(new LandmarkSet.Point(cx + rx * Math.cos(a), cy + ry * Math.sin(a)));
        }
    }
}
