package dev.doppel.pipeline.animate;

import java.util.ArrayList;
import java.util.List;

import dev.doppel.pipeline.drive.FaceOpenings;
import dev.doppel.pipeline.drive.NeutralFace;
import dev.doppel.pipeline.face.FaceBox;
import dev.doppel.pipeline.face.LandmarkSet;
import dev.doppel.pipeline.face.LocatedFace;
import dev.doppel.pipeline.face.UmeyamaTransform;
import dev.doppel.pipeline.image.RgbImage;

/**
 * Animation without training ("Bringing Portraits to Life", Averbuch-Elor et al. 2017, in 2D): the
 * photo's 68 landmarks move by the driver's change since its neutral frame, mapped into the photo
 * by the similarity that takes the neutral face onto the photo's (the first-order motion model's
 * relative rule, so the photo keeps its own face shape and the driver's head motion comes along
 * scaled to it); the head ring follows the head's similarity motion, the outer ring stays; the
 * photo is warped piecewise-affinely over a Delaunay triangulation of all of them; and the inner
 * mouth, which a closed photo does not have, is taken from the driver's frame as far as the mouth
 * opens past the photo's own.
 */
public final class LandmarkWarp implements PhotoAnimation.Method {

    /** Nose and eye corners: what moves with the head and hardly with expression. */
    private static final int[] RIGID = {27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 39, 42, 45};
    private static final int INNER_LIPS = 60;
    /** The mouth opening (of the eye distance) over which the driver's inner mouth fades in. */
    private static final double MOUTH_FADE = 0.05;

    @Override
    public String name() {
        return "warp";
    }

    @Override
    public PhotoAnimation.Animator open(RgbImage photo, LocatedFace face, NeutralFace neutral) {
        LandmarkSet still = face.landmarks();
        HeadRings rings = HeadRings.around(still);
        double[] from = concat(xy(still.points()), rings.inner(), rings.outer());
        int[] triangles = Delaunay.triangulate(from);
        double[] toPhoto = UmeyamaTransform.estimate(neutral.landmarks().points(), still.points()).matrix();
        List<LandmarkSet.Point> neutralInPhoto = apply(toPhoto, neutral.landmarks().points());
        double photoMouth = FaceOpenings.of(still).mouth();
        return (frame, driver) -> {
            List<LandmarkSet.Point> driverInPhoto = apply(toPhoto, driver.points());
            List<LandmarkSet.Point> moved = new ArrayList<>(68);
            for (int i = 0; i < 68; i++) {
                LandmarkSet.Point s = still.points().get(i);
                moved.add(new LandmarkSet.Point(s.x() + driverInPhoto.get(i).x() - neutralInPhoto.get(i).x(),
                        s.y() + driverInPhoto.get(i).y() - neutralInPhoto.get(i).y()));
            }
            double[] head = UmeyamaTransform.estimate(pick(neutralInPhoto, RIGID), pick(driverInPhoto, RIGID)).matrix();
            double[] to = concat(xy(moved), transform(head, rings.inner()), rings.outer());
            byte[] out = photo.rgb().clone();
            PiecewiseAffine.warp(photo.rgb(), photo.width(), photo.height(), from, to, triangles, out, photo.width(), photo.height(), 1);
            LandmarkSet movedSet = new LandmarkSet(moved);
            double opening = FaceOpenings.of(movedSet).mouth() - photoMouth;
            if (opening > 0) {
                fillMouth(frame, driver, movedSet, out, photo.width(), photo.height(), Math.min(1, opening / MOUTH_FADE));
            }
            return new PhotoAnimation.Animated(new RgbImage(photo.width(), photo.height(), out), moved(head, face.detection().box()));
        };
    }

    /** The driver's inner mouth (teeth, tongue) drawn between the moved inner lips, as a fan of triangles from their middle. */
    private static void fillMouth(RgbImage frame, LandmarkSet driver, LandmarkSet moved, byte[] out, int width, int height, double alpha) {
        double[] from = innerMouth(driver);
        double[] to = innerMouth(moved);
        int[] fan = new int[8 * 3];
        for (int i = 0; i < 8; i++) {
            fan[3 * i] = 8;
            fan[3 * i + 1] = i;
            fan[3 * i + 2] = (i + 1) % 8;
        }
        PiecewiseAffine.warp(frame.rgb(), frame.width(), frame.height(), from, to, fan, out, width, height, alpha);
    }

    /** Points 60-67 and their middle. */
    private static double[] innerMouth(LandmarkSet landmarks) {
        double[] xy = new double[18];
        for (int i = 0; i < 8; i++) {
            LandmarkSet.Point p = landmarks.points().get(INNER_LIPS + i);
            xy[2 * i] = p.x();
            xy[2 * i + 1] = p.y();
            xy[16] += p.x() / 8;
            xy[17] += p.y() / 8;
        }
        return xy;
    }

    /** Where the photo's face box went with the head. */
    private static FaceBox moved(double[] m, FaceBox box) {
        double scale = Math.hypot(m[0], m[3]);
        double cx = box.x() + box.width() / 2;
        double cy = box.y() + box.height() / 2;
        double nx = m[0] * cx + m[1] * cy + m[2];
        double ny = m[3] * cx + m[4] * cy + m[5];
        return new FaceBox(nx - box.width() * scale / 2, ny - box.height() * scale / 2, box.width() * scale, box.height() * scale);
    }

    private static List<LandmarkSet.Point> apply(double[] m, List<LandmarkSet.Point> points) {
        return points.stream().map(p -> new LandmarkSet.Point(m[0] * p.x() + m[1] * p.y() + m[2], m[3] * p.x() + m[4] * p.y() + m[5]))
                .toList();
    }

    private static double[] transform(double[] m, double[] xy) {
        double[] out = new double[xy.length];
        for (int i = 0; i < xy.length; i += 2) {
            out[i] = m[0] * xy[i] + m[1] * xy[i + 1] + m[2];
            out[i + 1] = m[3] * xy[i] + m[4] * xy[i + 1] + m[5];
        }
        return out;
    }

    private static List<LandmarkSet.Point> pick(List<LandmarkSet.Point> points, int[] indices) {
        List<LandmarkSet.Point> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(points.get(i));
        }
        return out;
    }

    private static double[] xy(List<LandmarkSet.Point> points) {
        double[] xy = new double[points.size() * 2];
        for (int i = 0; i < points.size(); i++) {
            xy[2 * i] = points.get(i).x();
            xy[2 * i + 1] = points.get(i).y();
        }
        return xy;
    }

    private static double[] concat(double[]... parts) {
        int length = 0;
        for (double[] part : parts) {
            length += part.length;
        }
        double[] out = new double[length];
        int at = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
