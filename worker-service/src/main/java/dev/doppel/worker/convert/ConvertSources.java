package dev.doppel.worker.convert;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.doppel.worker.runtime.JobFailure;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The model and the upload a convert job names. The tenant is part of every query, so a job
 * cannot reach another tenant's models or files.
 */
@Component
class ConvertSources {

    record Model(String architecture, String engine, Map<String, UUID> faceSets, String latestCheckpointKey, String bestCheckpointKey,
            long iteration) {

        UUID faceSet(String role) {
            UUID id = faceSets.get(role);
            if (id == null) {
                throw new JobFailure("model-cannot-convert", "This model has no face set in role " + role + "; it learned " + faceSets.keySet() + ".");
            }
            return id;
        }
    }

    record Upload(String objectKey, String kind, String format, String originalName) {
    }

    private final JdbcClient jdbc;

    ConvertSources(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Model> model(UUID tenantId, UUID modelId) {
        Map<String, UUID> faceSets = new HashMap<>();
        jdbc.sql("select role, face_set_id from model_face_sets where model_id = :id").param("id", modelId)
                .query((rs, n) -> faceSets.put(rs.getString(1), rs.getObject(2, UUID.class))).list();
        return jdbc.sql("""
                select architecture, engine, checkpoint_key, best_checkpoint_key, iteration
                from models where id = :id and tenant_id = :tenant
                """)
                .param("id", modelId).param("tenant", tenantId)
                .query((rs, n) -> new Model(rs.getString("architecture"), rs.getString("engine"), Map.copyOf(faceSets),
                        rs.getString("checkpoint_key"), rs.getString("best_checkpoint_key"), rs.getLong("iteration")))
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
