package dev.doppel.worker.convert;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The model and the upload a convert job names. The tenant is part of every query, so a job
 * cannot reach another tenant's models or files.
 */
@Component
class ConvertSources {

    record Model(String architecture, UUID faceSetA, UUID faceSetB, String latestCheckpointKey, String bestCheckpointKey,
            long iteration) {
    }

    record Upload(String objectKey, String kind, String format, String originalName) {
    }

    private final JdbcClient jdbc;

    ConvertSources(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Model> model(UUID tenantId, UUID modelId) {
        return jdbc.sql("""
                select architecture, face_set_a, face_set_b, checkpoint_key, best_checkpoint_key, iteration
                from models where id = :id and tenant_id = :tenant
                """)
                .param("id", modelId).param("tenant", tenantId)
                .query((rs, n) -> new Model(rs.getString("architecture"), rs.getObject("face_set_a", UUID.class),
                        rs.getObject("face_set_b", UUID.class), rs.getString("checkpoint_key"), rs.getString("best_checkpoint_key"),
                        rs.getLong("iteration")))
                .optional();
    }

    Optional<Upload> upload(UUID tenantId, UUID mediaId) {
        return jdbc.sql("select object_key, kind, format, original_name from media where id = :id and tenant_id = :tenant")
                .param("id", mediaId).param("tenant", tenantId)
                .query((rs, n) -> new Upload(rs.getString("object_key"), rs.getString("kind"), rs.getString("format"),
                        rs.getString("original_name")))
                .optional();
    }
}
