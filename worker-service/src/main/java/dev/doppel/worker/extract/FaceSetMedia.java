package dev.doppel.worker.extract;

import java.util.List;
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
}
