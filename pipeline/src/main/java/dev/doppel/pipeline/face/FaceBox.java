package dev.doppel.pipeline.face;

/** An axis-aligned rectangle in image pixels: top-left corner and size. */
public record FaceBox(double x, double y, double width, double height) {

    public double right() {
        return x + width;
    }

    public double bottom() {
        return y + height;
    }

    /**
     * The whole pixels of this box that lie in a width x height image: clipped, then each of x, y,
     * width and height floored, as face-api cuts face crops ({@code Box.clipAtImageBorders}).
     */
    public FaceBox pixelCrop(int imageWidth, int imageHeight) {
        double left = Math.max(x, 0);
        double top = Math.max(y, 0);
        double w = Math.min(right() - left, imageWidth - left);
        double h = Math.min(bottom() - top, imageHeight - top);
        return new FaceBox(Math.floor(left), Math.floor(top), Math.floor(w), Math.floor(h));
    }

    public boolean contains(double px, double py) {
        return px >= x && px <= right() && py >= y && py <= bottom();
    }

    /** Intersection over union with {@code other}: 1 for the same box, 0 for boxes that do not touch. */
    public double iou(FaceBox other) {
        double w = Math.min(right(), other.right()) - Math.max(x, other.x);
        double h = Math.min(bottom(), other.bottom()) - Math.max(y, other.y);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double intersection = w * h;
        return intersection / (width * height + other.width * other.height - intersection);
    }
}
