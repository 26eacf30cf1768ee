package dev.doppel.pipeline.face;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import dev.doppel.pipeline.image.GaussianBlur;

/**
 * A face mask from landmarks alone, like faceswap's "extended" landmark mask: the convex hull of
 * the 68 points plus the brows lifted onto the forehead (which the 68-point scheme leaves out),
 * filled and feathered with a Gaussian blur so that a pasted face fades into its surroundings.
 */
public final class FaceMask {

    /** How far above each brow point the forehead goes, as a fraction of the eye-to-chin distance. */
    static final double FOREHEAD = 0.3;
    /** Feather: Gaussian sigma as a fraction of the mask's side. */
    static final double FEATHER = 1.0 / 40;

    private FaceMask() {
    }

    /** A width x height TYPE_BYTE_GRAY mask, 255 inside the face, for landmarks in the same pixels. */
    public static BufferedImage of(LandmarkSet landmarks, int width, int height) {
        BufferedImage mask = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = mask.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fill(polygon(hull(outline(landmarks))));
        g.dispose();
        byte[] pixels = ((DataBufferByte) mask.getRaster().getDataBuffer()).getData();
        GaussianBlur.blur(pixels, width, height, FEATHER * Math.max(width, height), GaussianBlur.Border.REPLICATE);
        return mask;
    }

    /** The 68 landmarks and, above brows 17-26, their forehead points. */
    static List<LandmarkSet.Point> outline(LandmarkSet landmarks) {
        List<LandmarkSet.Point> points = landmarks.points();
        LandmarkSet.Point chin = points.get(8);
        LandmarkSet.Point eyes = midpoint(landmarks.leftEye(), landmarks.rightEye());
        // Up along the face's own axis (chin to eyes), so a tilted head keeps its forehead.
        double upX = (eyes.x() - chin.x()) * FOREHEAD;
        double upY = (eyes.y() - chin.y()) * FOREHEAD;
        List<LandmarkSet.Point> outline = new ArrayList<>(points);
        for (LandmarkSet.Point brow : points.subList(17, 27)) {
            outline.add(new LandmarkSet.Point(brow.x() + upX, brow.y() + upY));
        }
        return outline;
    }

    // Andrew's monotone chain.
    static List<LandmarkSet.Point> hull(List<LandmarkSet.Point> points) {
        List<LandmarkSet.Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(LandmarkSet.Point::x).thenComparingDouble(LandmarkSet.Point::y));
        List<LandmarkSet.Point> hull = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            int start = hull.size();
            for (LandmarkSet.Point p : sorted) {
                while (hull.size() >= start + 2 && cross(hull.get(hull.size() - 2), hull.get(hull.size() - 1), p) <= 0) {
                    hull.remove(hull.size() - 1);
                }
                hull.add(p);
            }
            hull.remove(hull.size() - 1);
            Collections.reverse(sorted);
        }
        return hull;
    }

    private static double cross(LandmarkSet.Point o, LandmarkSet.Point a, LandmarkSet.Point b) {
        return (a.x() - o.x()) * (b.y() - o.y()) - (a.y() - o.y()) * (b.x() - o.x());
    }

    private static Path2D polygon(List<LandmarkSet.Point> hull) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(hull.get(0).x(), hull.get(0).y());
        for (LandmarkSet.Point p : hull.subList(1, hull.size())) {
            path.lineTo(p.x(), p.y());
        }
        path.closePath();
        return path;
    }

    private static LandmarkSet.Point midpoint(LandmarkSet.Point a, LandmarkSet.Point b) {
        return new LandmarkSet.Point((a.x() + b.x()) / 2, (a.y() + b.y()) / 2);
    }

    /** The larger of two grey masks (FaceMask's TYPE_BYTE_GRAY) pixel by pixel; once a frame, so on the arrays. */
    public static BufferedImage union(BufferedImage a, BufferedImage b) {
        BufferedImage out = new BufferedImage(a.getWidth(), a.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] first = ((DataBufferByte) a.getRaster().getDataBuffer()).getData();
        byte[] second = ((DataBufferByte) b.getRaster().getDataBuffer()).getData();
        byte[] pixels = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (first[i] & 0xff) >= (second[i] & 0xff) ? first[i] : second[i];
        }
        return out;
    }
}
