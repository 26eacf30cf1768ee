package dev.doppel.worker.media;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The uploads a job names (the photo a convert job swaps, a reenact job's driver and target). The
 * tenant is part of every query, so a job cannot reach another tenant's files.
 */
@Component
public class Uploads {

    /** @param kind {@code IMAGE} or {@code VIDEO} */
    public record Upload(String objectKey, String kind, String format, String originalName) {
    }

    private final JdbcClient jdbc;

    Uploads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Upload> find(UUID tenantId, UUID mediaId) {
        return jdbc.sql("select object_key, kind, format, original_name from media where id = :id and tenant_id = :tenant")
                .param("id", mediaId).param("tenant", tenantId)
                .query((rs, n) -> new Upload(rs.getString("object_key"), rs.getString("kind"), rs.getString("format"),
                        rs.getString("original_name")))
                .optional();
    }
}
