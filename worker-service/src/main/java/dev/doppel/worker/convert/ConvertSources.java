package dev.doppel.worker.convert;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The upload a convert job names. The tenant is part of every query, so a job
 * cannot reach another tenant's models or files.
 */
@Component
class ConvertSources {

    record Upload(String objectKey, String kind, String format, String originalName) {
    }

    private final JdbcClient jdbc;

    ConvertSources(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Upload> upload(UUID tenantId, UUID mediaId) {
        return jdbc.sql("select object_key, kind, format, original_name from media where id = :id and tenant_id = :tenant")
                .param("id", mediaId).param("tenant", tenantId)
                .query((rs, n) -> new Upload(rs.getString("object_key"), rs.getString("kind"), rs.getString("format"),
                        rs.getString("original_name")))
                .optional();
    }
}
