package dev.doppel.api.facesets;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.doppel.model.media.MediaInfo;

/** One accepted upload of a face set, as the probe saw it. */
@Entity
@Table(name = "media")
public class Media {

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;

    @Column(name = "face_set_id", nullable = false)
    private UUID faceSetId;

    @Column(nullable = false)
    private String kind;

    @Column(nullable = false)
    private String format;

    @Column(name = "original_name")
    private String originalName;

    @Column(name = "object_key", nullable = false)
    private String objectKey;

    @Column(nullable = false)
    private long bytes;

    @Column(nullable = false)
    private int width;

    @Column(nullable = false)
    private int height;

    @Column(name = "duration_ms")
    private Long durationMs;

    @Column(nullable = false)
    private String sha256;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Media() {
    }

    static Media accepted(UUID id, FaceSet faceSet, MediaInfo info, String originalName, String objectKey, long bytes,
            String sha256, Instant now) {
        Media media = new Media();
        media.id = id;
        media.tenantId = faceSet.tenantId();
        media.faceSetId = faceSet.id();
        media.kind = info.kind().name();
        media.format = info.format().name();
        media.originalName = originalName;
        media.objectKey = objectKey;
        media.bytes = bytes;
        media.width = info.width();
        media.height = info.height();
        media.durationMs = info.durationMillis() > 0 ? info.durationMillis() : null;
        media.sha256 = sha256;
        media.createdAt = now;
        return media;
    }

    public UUID id() {
        return id;
    }

    public UUID faceSetId() {
        return faceSetId;
    }

    public String kind() {
        return kind;
    }

    public String format() {
        return format;
    }

    public String originalName() {
        return originalName;
    }

    public String objectKey() {
        return objectKey;
    }

    public long bytes() {
        return bytes;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public Long durationMs() {
        return durationMs;
    }

    public String sha256() {
        return sha256;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
