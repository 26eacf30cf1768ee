package dev.doppel.pipeline.face;

/**
 * A face descriptor: 128 numbers that lie close together for photos of one person. The dlib
 * model behind face-api was trained so that one person's faces lie within Euclidean distance 0.6.
 */
public record FaceEmbedding(float[] vector) {

    /** The distance under which two faces count as one person's. */
    public static final double SAME_PERSON = 0.6;

    public FaceEmbedding {
        vector = vector.clone();
    }

    @Override
    public float[] vector() {
        return vector.clone();
    }

    public double distance(FaceEmbedding other) {
        double sum = 0;
        for (int i = 0; i < vector.length; i++) {
            double d = vector[i] - other.vector[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    public double cosine(FaceEmbedding other) {
        double dot = 0;
        double a = 0;
        double b = 0;
        for (int i = 0; i < vector.length; i++) {
            dot += vector[i] * other.vector[i];
            a += vector[i] * vector[i];
            b += other.vector[i] * other.vector[i];
        }
        return dot / Math.sqrt(a * b);
    }
}
