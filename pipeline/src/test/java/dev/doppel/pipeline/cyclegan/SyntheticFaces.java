package dev.doppel.pipeline.cyclegan;

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
 * Two made-up "people" a tiny CycleGAN can tell apart in a few steps: A is a warm oval with dark
 * eyes on a dark blue ground, B a cool green oval with light eyes on a pale yellow ground; each
 * face sits a little differently. No face detection, so tests stay CI-sized.
 */
public final class SyntheticFaces {

    private SyntheticFaces() {
    }

    public static List<TrainingFace> personA(int count, int size, long seed) {
        return faces(count, size, seed, new Color(30, 40, 90), new Color(220, 150, 110), new Color(40, 20, 10));
    }

    public static List<TrainingFace> personB(int count, int size, long seed) {
        return faces(count, size, seed, new Color(240, 230, 160), new Color(90, 170, 110), new Color(235, 245, 255));
    }

    private static List<TrainingFace> faces(int count, int size, long seed, Color ground, Color skin, Color eyes) {
        Random random = new Random(seed);
        List<TrainingFace> faces = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage crop = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = crop.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(ground);
            g.fillRect(0, 0, size, size);
            double cx = size * (0.5 + 0.08 * (random.nextDouble() - 0.5));
            double cy = size * (0.5 + 0.08 * (random.nextDouble() - 0.5));
            double w = size * (0.55 + 0.1 * random.nextDouble());
            double h = w * 1.25;
            g.setColor(skin);
            g.fillOval((int) (cx - w / 2), (int) (cy - h / 2), (int) w, (int) h);
            g.setColor(eyes);
            int eye = Math.max(2, (int) (w * 0.14));
            g.fillOval((int) (cx - w * 0.22 - eye / 2.0), (int) (cy - h * 0.12), eye, eye);
            g.fillOval((int) (cx + w * 0.22 - eye / 2.0), (int) (cy - h * 0.12), eye, eye);
            g.fillRect((int) (cx - w * 0.18), (int) (cy + h * 0.22), (int) (w * 0.36), Math.max(1, eye / 2));
            g.dispose();
            faces.add(new TrainingFace(crop, fullMask(size), landmarks(cx, cy, w, h)));
        }
        return faces;
    }

    private static BufferedImage fullMask(int size) {
        BufferedImage mask = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = mask.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        g.dispose();
        return mask;
    }

    /** 68 points on the oval's outline: augmentation moves them with the face and needs the iBUG count. */
    private static LandmarkSet landmarks(double cx, double cy, double w, double h) {
        List<LandmarkSet.Point> points = new ArrayList<>();
        for (int i = 0; i < 68; i++) {
            double angle = 2 * Math.PI * i / 68;
            points.add(new LandmarkSet.Point(cx + Math.cos(angle) * w / 2, cy + Math.sin(angle) * h / 2));
        }
        return new LandmarkSet(points);
    }
}
