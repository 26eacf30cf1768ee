package dev.doppel.pipeline.face;

import java.util.ArrayList;
import java.util.List;

import dev.doppel.pipeline.image.RgbImage;
import dev.doppel.pipeline.stage.StageTimes;

/**
 * Locates the faces of consecutive video frames, running the detector only on keyframes: in
 * between, each face's box is placed around its landmarks of the frame before, the way the
 * detector's box sat around them at the keyframe, and only the landmark net runs. The detector is
 * the dearest network of a frame, and a face moves little in a fortieth of a second.
 *
 * <p>A frame becomes a keyframe early when following cannot be trusted: a face whose new
 * landmarks no longer fit the box they were found in (it turned or moved away), a box that has
 * mostly left the picture, or a cut (the picture as a whole changed). A face that enters the shot
 * is found at the next keyframe, a fifth of a second later at the default interval and 25 fps.
 */
public final class KeyframeLocator {

    public static final int DEFAULT_INTERVAL = 5;
    /** Least IoU between the box a face was followed into and the box its new landmarks place. */
    static final double MIN_FIT = 0.6;
    /** Least share of a followed box inside the picture; the landmark net guesses at what it cannot see. */
    static final double MIN_INSIDE = 0.75;
    /** Mean grey change (0-255) of a {@value #THUMBNAIL} px wide thumbnail from one frame to the next that reads as a cut. */
    static final double CUT = 24;
    private static final int THUMBNAIL = 64;

    /** A face as last seen, and where the detector's box sat around its landmarks' bounds. */
    private record Followed(LocatedFace face, double left, double top, double width, double height) {

        static Followed of(LocatedFace face) {
            FaceBox bounds = bounds(face.landmarks());
            FaceBox box = face.detection().box();
            return new Followed(face, (box.x() - bounds.x()) / bounds.width(), (box.y() - bounds.y()) / bounds.height(),
                    box.width() / bounds.width(), box.height() / bounds.height());
        }

        FaceBox boxAround(LandmarkSet landmarks) {
            FaceBox bounds = bounds(landmarks);
            return new FaceBox(bounds.x() + left * bounds.width(), bounds.y() + top * bounds.height(), width * bounds.width(),
                    height * bounds.height());
        }

        Followed movedTo(LandmarkSet landmarks, FaceBox box) {
            return new Followed(new LocatedFace(new DetectedFace(box, face.detection().score()), landmarks), left, top, width, height);
        }
    }

    private final FaceExtractor extractor;
    private final LandmarkModel landmarks;
    private final int interval;
    /** Null before the first frame. */
    private List<Followed> followed;
    private int sinceKeyframe;
    private float[] lastThumbnail;
    private long keyframes;

    /** @param interval frames from one keyframe to the next; 1 detects on every frame */
    public KeyframeLocator(FaceModels models, int interval) {
        if (interval < 1) {
            throw new IllegalArgumentException("the keyframe interval must be at least 1, was " + interval);
        }
        this.extractor = new FaceExtractor(models);
        this.landmarks = models.landmarks();
        this.interval = interval;
    }

    /** The faces of the next frame, largest first at its keyframe and in that order until the next. */
    public List<LocatedFace> locate(RgbImage frame, StageTimes times) {
        float[] thumbnail = interval == 1 ? null : thumbnail(frame);
        boolean cut = lastThumbnail != null && meanDifference(thumbnail, lastThumbnail) > CUT;
        lastThumbnail = thumbnail;
        if (followed != null && !cut && sinceKeyframe + 1 < interval) {
            List<Followed> moved = follow(frame, times);
            if (moved != null) {
                followed = moved;
                sinceKeyframe++;
                return followed.stream().map(Followed::face).toList();
            }
        }
        List<LocatedFace> located = extractor.locate(frame, times);
        followed = located.stream().map(Followed::of).toList();
        sinceKeyframe = 0;
        keyframes++;
        return located;
    }

    /** Frames on which the detector ran. */
    public long keyframes() {
        return keyframes;
    }

    /** The faces followed into {@code frame}, or null where one of them cannot be. */
    private List<Followed> follow(RgbImage frame, StageTimes times) {
        if (followed.isEmpty()) {
            return followed;
        }
        List<FaceBox> boxes = new ArrayList<>();
        for (Followed face : followed) {
            FaceBox box = face.boxAround(face.face().landmarks());
            if (insideShare(box, frame) < MIN_INSIDE) {
                return null;
            }
            boxes.add(box);
        }
        List<LandmarkSet> found = times.time("landmarks", () -> landmarks.landmarks(frame, boxes));
        List<Followed> moved = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            Followed face = followed.get(i);
            FaceBox fitted = face.boxAround(found.get(i));
            if (fitted.iou(boxes.get(i)) < MIN_FIT) {
                return null;
            }
            moved.add(face.movedTo(found.get(i), fitted));
        }
        return moved;
    }

    private static FaceBox bounds(LandmarkSet landmarks) {
        double left = Double.MAX_VALUE;
        double top = Double.MAX_VALUE;
        double right = -Double.MAX_VALUE;
        double bottom = -Double.MAX_VALUE;
        for (LandmarkSet.Point p : landmarks.points()) {
            left = Math.min(left, p.x());
            top = Math.min(top, p.y());
            right = Math.max(right, p.x());
            bottom = Math.max(bottom, p.y());
        }
        return new FaceBox(left, top, Math.max(1, right - left), Math.max(1, bottom - top));
    }

    private static double insideShare(FaceBox box, RgbImage frame) {
        double w = Math.min(box.right(), frame.width()) - Math.max(box.x(), 0);
        double h = Math.min(box.bottom(), frame.height()) - Math.max(box.y(), 0);
        return w <= 0 || h <= 0 ? 0 : w * h / (box.width() * box.height());
    }

    /** Grey block means over a {@value #THUMBNAIL} px wide grid, every other pixel of each block read. */
    static float[] thumbnail(RgbImage frame) {
        int columns = Math.min(THUMBNAIL, frame.width());
        int rows = Math.max(1, Math.min(frame.height(), Math.round(columns * frame.height() / (float) frame.width())));
        float[] sums = new float[columns * rows];
        int[] counts = new int[columns * rows];
        byte[] rgb = frame.rgb();
        for (int y = 0; y < frame.height(); y += 2) {
            int row = y * rows / frame.height();
            for (int x = 0; x < frame.width(); x += 2) {
                int i = 3 * (y * frame.width() + x);
                int cell = row * columns + x * columns / frame.width();
                sums[cell] += (rgb[i] & 0xff) + (rgb[i + 1] & 0xff) + (rgb[i + 2] & 0xff);
                counts[cell] += 3;
            }
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] /= Math.max(1, counts[i]);
        }
        return sums;
    }

    private static double meanDifference(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }
}
