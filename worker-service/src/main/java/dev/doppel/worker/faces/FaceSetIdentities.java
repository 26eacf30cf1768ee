package dev.doppel.worker.faces;

import java.sql.Array;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.doppel.pipeline.face.FaceEmbedding;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who a face set's person is, as the extracted faces say: their reference face, their mean
 * embedding, and how the faces were cropped. The tenant is part of every query.
 */
@Component
public class FaceSetIdentities {

    private final JdbcClient jdbc;

    FaceSetIdentities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The coverage the face set's faces were cropped with, which the model learned. */
    public Optional<String> coverage(UUID tenantId, UUID faceSetId) {
        return jdbc.sql("select coverage from faces where face_set_id = :faceSet and tenant_id = :tenant order by created_at desc limit 1")
                .param("faceSet", faceSetId).param("tenant", tenantId)
                .query(String.class)
                .optional();
    }

    /** The person as the recognition net sees them: the mean embedding of the face set's faces. */
    public Optional<FaceEmbedding> meanEmbedding(UUID tenantId, UUID faceSetId) {
        List<float[]> embeddings = jdbc.sql("select embedding from faces where face_set_id = :faceSet and tenant_id = :tenant")
                .param("faceSet", faceSetId).param("tenant", tenantId)
                .query((rs, n) -> embedding(rs.getArray(1)))
                .list();
        if (embeddings.isEmpty()) {
            return Optional.empty();
        }
        float[] mean = new float[embeddings.get(0).length];
        for (float[] embedding : embeddings) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += embedding[i] / embeddings.size();
            }
        }
        return Optional.of(new FaceEmbedding(mean));
    }

    /** The face the user picked as "this person" in the face set, if they picked one. */
    public Optional<FaceEmbedding> referenceEmbedding(UUID tenantId, UUID faceSetId) {
        return jdbc.sql("""
                select f.embedding from face_sets s join faces f on f.id = s.reference_face_id
                where s.id = :faceSet and s.tenant_id = :tenant
                """)
                .param("faceSet", faceSetId).param("tenant", tenantId)
                .query((rs, n) -> new FaceEmbedding(embedding(rs.getArray(1))))
                .optional();
    }

    /** A {@code faces.embedding} column as the floats it holds. */
    public static float[] embedding(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = ((Number) values[i]).floatValue();
        }
        return floats;
    }
}
