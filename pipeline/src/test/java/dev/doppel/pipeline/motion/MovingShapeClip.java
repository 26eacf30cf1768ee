package dev.doppel.pipeline.motion;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.doppel.pipeline.face.LandmarkSet;
import dev.doppel.pipeline.train.TrainingFace;

/**
 * A video a motion model can learn without faces: a bright striped disc gliding smoothly around a
 * fixed, softly textured background, one frame a face.
 */
final class MovingShapeClip {

    private MovingShapeClip() {
    }

    static List<TrainingFace> of(String clip, int frames, int size) {
        List<TrainingFace> faces = new ArrayList<>();
        BufferedImage mask = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        LandmarkSet landmarks = new LandmarkSet(Collections.nCopies(68, new LandmarkSet.Point(size / 2.0, size / 2.0)));
        double radius = size * 0.2;
        for (int f = 0; f < frames; f++) {
            double t = 2 * Math.PI * f / frames;
            double cx = size * (0.5 + 0.25 * Math.cos(t));
            double cy = size * (0.5 + 0.25 * Math.sin(2 * t));
            BufferedImage crop = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double u = (double) x / size;
                    double v = (double) y / size;
                    int r = (int) (60 + 40 * Math.sin(2 * Math.PI * u));
                    int g = (int) (70 + 40 * Math.cos(2 * Math.PI * v));
                    int b = (int) (90 + 30 * Math.sin(2 * Math.PI * (u + v)));
                    double dx = x + 0.5 - cx;
                    double dy = y + 0.5 - cy;
                    if (dx * dx + dy * dy < radius * radius) {
                        boolean stripe = ((int) Math.floor((dx + radius) / (radius / 2))) % 2 == 0;
                        r = stripe ? 250 : 200;
                        g = stripe ? 220 : 120;
                        b = stripe ? 60 : 40;
                    }
                    crop.setRGB(x, y, r << 16 | g << 8 | b);
                }
            }
            faces.add(new TrainingFace(crop, mask, landmarks, clip));
        }
        return faces;
    }
}
