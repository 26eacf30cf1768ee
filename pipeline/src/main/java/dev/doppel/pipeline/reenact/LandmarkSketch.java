package dev.doppel.pipeline.reenact;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;

import dev.doppel.pipeline.face.LandmarkSet;
import dev.doppel.pipeline.image.PlanarImage;

/**
 * A face's 68 landmarks drawn as the line sketch a reenactment model turns into that face, as
 * face2face-demo draws its training inputs: the jaw, brows and nose bridge as open polylines; the
 * lower nose, eyes and lips closed; each part in its own colour on black, so the generator can
 * tell an eyelid from a lip. Left and right share a colour, so a mirrored sketch is the sketch of
 * the mirrored face. Drawn without antialiasing: the same points give the same pixels on every JVM.
 */
public final class LandmarkSketch {

    /** One part of the face: points {@code from} to {@code to} (exclusive), joined back to the first when {@code closed}. */
    record Part(int from, int to, boolean closed, Color colour) {
    }

    static final List<Part> PARTS = List.of(
            new Part(0, 17, false, new Color(255, 0, 0)),      // jaw
            new Part(17, 22, false, new Color(0, 255, 0)),     // the subject's right brow
            new Part(22, 27, false, new Color(0, 255, 0)),     // left brow
            new Part(27, 31, false, new Color(0, 0, 255)),     // nose bridge
            new Part(30, 36, true, new Color(0, 0, 255)),      // lower nose, from the tip
            new Part(36, 42, true, new Color(255, 255, 0)),    // right eye
            new Part(42, 48, true, new Color(255, 255, 0)),    // left eye
            new Part(48, 60, true, new Color(255, 0, 255)),    // outer lips
            new Part(60, 68, true, new Color(0, 255, 255)));   // inner lips

    private LandmarkSketch() {
    }

    /** The sketch of landmarks given in the pixels of a {@code size} x {@code size} crop. */
    public static BufferedImage draw(LandmarkSet landmarks, int size) {
        BufferedImage sketch = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sketch.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        // One pixel at 64 px, two at 128: the lines keep their weight relative to the face.
        g.setStroke(new BasicStroke(Math.max(1, Math.round(size / 64f)), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        List<LandmarkSet.Point> points = landmarks.points();
        for (Part part : PARTS) {
            Path2D.Double path = new Path2D.Double();
            // Pixel centres sit at whole numbers in landmark space and at +0.5 in Java2D's.
            path.moveTo(points.get(part.from()).x() + 0.5, points.get(part.from()).y() + 0.5);
            for (int i = part.from() + 1; i < part.to(); i++) {
                path.lineTo(points.get(i).x() + 0.5, points.get(i).y() + 0.5);
            }
            if (part.closed()) {
                path.closePath();
            }
            g.setColor(part.colour());
            g.draw(path);
        }
        g.dispose();
        return sketch;
    }

    /** The sketch as float planes in [0, 1], as a network takes it. */
    public static PlanarImage planes(LandmarkSet landmarks, int size) {
        return PlanarImage.rgb(draw(landmarks, size));
    }
}
