package dev.doppel.pipeline.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.doppel.pipeline.face.LandmarkSet;
import dev.doppel.pipeline.image.PlanarImage;

/**
 * faceswap's random transform and colour augmentation (lib/training/augmentation.py): rotate up
 * to +-10 degrees, zoom +-5 %, shift +-5 % of the side, mirror half the time, Lab colour jitter.
 * Image, mask and landmarks move together, so the loss weights still sit on the eyes and mouth.
 */
public record Augmentation(double rotationDegrees, double zoom, double shift, double flipChance, LabJitter colour) {

    public static final Augmentation FACESWAP = new Augmentation(10, 0.05, 0.05, 0.5, LabJitter.FACESWAP);

    /**
     * For GANs, whose discriminators learn what a real face looks like, colour and all: about what
     * pix2pix and CycleGAN's resize to 286 and random 256 crop do (a shift of up to 5 %, a slight
     * zoom), plus their horizontal flip; no rotation and no colour change.
     */
    public static final Augmentation LIGHT = new Augmentation(0, 0.05, 0.05, 0.5, new LabJitter(0, 0));

    /** The face, augmented, at its own size: RGB and mask planes in [0, 1], landmarks moved with them. */
    public record AugmentedFace(PlanarImage rgb, PlanarImage mask, LandmarkSet landmarks) {
    }

    public AugmentedFace apply(TrainingFace face, Random random) {
        int size = face.size();
        double angle = Math.toRadians((random.nextDouble() * 2 - 1) * rotationDegrees);
        double scale = 1 + (random.nextDouble() * 2 - 1) * zoom;
        double tx = (random.nextDouble() * 2 - 1) * shift * size;
        double ty = (random.nextDouble() * 2 - 1) * shift * size;
        boolean flip = random.nextDouble() < flipChance;
        double centre = (size - 1) / 2.0;
        double cos = Math.cos(angle) * scale;
        double sin = Math.sin(angle) * scale;
        // Forward map: source pixel p -> centre + R*S*(p - centre) + t, then mirror x if flipped.
        double[] forward = {cos, -sin, centre + tx - cos * centre + sin * centre, sin, cos, centre + ty - sin * centre - cos * centre};
        if (flip) {
            forward = new double[] {-forward[0], -forward[1], size - 1 - forward[2], forward[3], forward[4], forward[5]};
        }
        double[] inverse = invert(forward);
        PlanarImage rgb = transform(PlanarImage.rgb(face.crop()), inverse);
        PlanarImage mask = transform(PlanarImage.grey(face.mask()), inverse);
        List<LandmarkSet.Point> points = new ArrayList<>();
        for (LandmarkSet.Point p : face.landmarksInCrop().points()) {
            points.add(new LandmarkSet.Point(forward[0] * p.x() + forward[1] * p.y() + forward[2],
                    forward[3] * p.x() + forward[4] * p.y() + forward[5]));
        }
        if (flip) {
            points = relabelMirrored(points);
        }
        return new AugmentedFace(colour.apply(rgb, random), mask, new LandmarkSet(points));
    }

    /**
     * A mirrored face's points renumbered so the iBUG scheme holds again (36-41 is still the
     * subject's right eye): each point swaps with its mirror twin.
     */
    private static List<LandmarkSet.Point> relabelMirrored(List<LandmarkSet.Point> points) {
        List<LandmarkSet.Point> out = new ArrayList<>(points);
        for (int i = 0; i < MIRROR.length; i++) {
            out.set(i, points.get(MIRROR[i]));
        }
        return out;
    }

    private static final int[] MIRROR = {
        16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
        26, 25, 24, 23, 22, 21, 20, 19, 18, 17,
        27, 28, 29, 30, 35, 34, 33, 32, 31,
        45, 44, 43, 42, 47, 46, 39, 38, 37, 36, 41, 40,
        54, 53, 52, 51, 50, 49, 48, 59, 58, 57, 56, 55,
        64, 63, 62, 61, 60, 67, 66, 65,
    };

    private static PlanarImage transform(PlanarImage image, double[] toSource) {
        int size = image.size();
        float[] out = new float[image.values().length];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double sx = toSource[0] * x + toSource[1] * y + toSource[2];
                double sy = toSource[3] * x + toSource[4] * y + toSource[5];
                for (int c = 0; c < image.channels(); c++) {
                    out[c * size * size + y * size + x] = image.sample(c, sx, sy);
                }
            }
        }
        return new PlanarImage(image.channels(), size, out);
    }

    private static double[] invert(double[] m) {
        double det = m[0] * m[4] - m[1] * m[3];
        return new double[] {
            m[4] / det, -m[1] / det, (m[1] * m[5] - m[4] * m[2]) / det,
            -m[3] / det, m[0] / det, (m[3] * m[2] - m[0] * m[5]) / det,
        };
    }
}
