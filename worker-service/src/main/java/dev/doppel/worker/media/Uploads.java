package dev.doppel.worker.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import dev.doppel.model.media.MediaInfo;
import dev.doppel.model.media.MediaProbe;
import dev.doppel.model.media.MediaRejected;
import dev.doppel.worker.runtime.JobContext;
import dev.doppel.worker.runtime.JobFailure;
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
    private final MediaProbe probe;

    Uploads(JdbcClient jdbc, MediaProbe probe) {
        this.jdbc = jdbc;
        this.probe = probe;
    }

    /** The tenant's upload, or the job fails as {@code media-not-found}. */
    public Upload require(UUID tenantId, UUID mediaId) {
        return find(tenantId, mediaId).orElseThrow(() -> new JobFailure("media-not-found", "Upload " + mediaId + " does not exist."));
    }

    /** The tenant's upload, downloaded into the job's scratch folder as {@code name} with its format's extension. */
    public Path download(JobContext context, UUID mediaId, String name) throws IOException {
        Upload upload = require(context.tenantId(), mediaId);
        Path local = context.scratch().resolve(name + "." + upload.format().toLowerCase(Locale.ROOT));
        context.store().download(upload.objectKey(), local);
        return local;
    }

    /** What the downloaded upload is, probed again (stored bytes can change), or the job fails as {@code media-unreadable}. */
    public MediaInfo probe(UUID mediaId, Path local) {
        try {
            return probe.probe(local);
        } catch (MediaRejected rejected) {
            throw new JobFailure("media-unreadable", "Upload " + mediaId + " cannot be used: " + rejected.getMessage());
        }
    }

    public Optional<Upload> find(UUID tenantId, UUID mediaId) {
        return jdbc.sql("select object_key, kind, format, original_name from media where id = :id and tenant_id = :tenant")
                .param("id", mediaId).param("tenant", tenantId)
                .query((rs, n) -> new Upload(rs.getString("object_key"), rs.getString("kind"), rs.getString("format"),
                        rs.getString("original_name")))
                .optional();
    }
}
