package dev.doppel.worker.extract;

import java.sql.Array;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads a face set's uploads; the tenant is part of every query, so a job cannot reach another tenant's files. */
@Component
class FaceSetMedia {

    record Upload(UUID id, String objectKey, String format, String originalName) {
    }

    private final JdbcClient jdbc;

    FaceSetMedia(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean faceSetExists(UUID tenantId, UUID faceSetId) {
        return jdbc.sql("select count(*) from face_sets where id = :id and tenant_id = :tenant")
                .param("id", faceSetId).param("tenant", tenantId).query(Integer.class).single() == 1;
    }

    List<Upload> uploads(UUID tenantId, UUID faceSetId) {
        return jdbc.sql("""
                select id, object_key, format, original_name from media
                where face_set_id = :faceSet and tenant_id = :tenant order by created_at, id
                """)
                .param("faceSet", faceSetId)
                .param("tenant", tenantId)
                .query((rs, n) -> new Upload(rs.getObject("id", UUID.class), rs.getString("object_key"),
                        rs.getString("format"), rs.getString("original_name")))
                .list();
    }

    /** The embedding of the face the user picked as "this person", if they picked one. */
    Optional<float[]> referenceEmbedding(UUID tenantId, UUID faceSetId) {
        return jdbc.sql("""
                select f.embedding from face_sets s join faces f on f.id = s.reference_face_id
                where s.id = :faceSet and s.tenant_id = :tenant
                """)
                .param("faceSet", faceSetId)
                .param("tenant", tenantId)
                .query((rs, n) -> toFloats(rs.getArray(1)))
                .optional();
    }

    private static float[] toFloats(Array array) throws java.sql.SQLException {
        Object[] values = (Object[]) array.getArray();
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = ((Number) values[i]).floatValue();
        }
        return floats;
    }
}
