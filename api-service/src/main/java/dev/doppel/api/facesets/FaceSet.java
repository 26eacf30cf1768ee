package dev.doppel.api.facesets;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A named collection of one person's photos and videos, created only with a consent attestation. */
@Entity
@Table(name = "face_sets")
public class FaceSet {

    /** The statement a client affirms, stored with each face set so the wording in force is on record. */
    static final String CONSENT_STATEMENT = "Every person pictured in this face set has agreed that their images "
            + "may be used to train face-swap models and to make synthetic media, and the person attesting may say so.";

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;

    @Column(nullable = false)
    private String name;

    @Column(name = "consent_attested_by", nullable = false)
    private String consentAttestedBy;

    @Column(name = "consent_statement", nullable = false)
    private String consentStatement;

    @Column(name = "consent_attested_at", nullable = false)
    private Instant consentAttestedAt;

    @Column(name = "created_by_key", nullable = false)
    private UUID createdByKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "reference_face_id")
    private UUID referenceFaceId;

    @Column(name = "deleting_since")
    private Instant deletingSince;

    @Version
    private long version;

    protected FaceSet() {
    }

    static FaceSet attested(UUID tenantId, UUID createdByKey, String name, String attestedBy, Instant now) {
        FaceSet faceSet = new FaceSet();
        faceSet.id = UUID.randomUUID();
        faceSet.tenantId = tenantId;
        faceSet.name = name;
        faceSet.consentAttestedBy = attestedBy;
        faceSet.consentStatement = CONSENT_STATEMENT;
        faceSet.consentAttestedAt = now;
        faceSet.createdByKey = createdByKey;
        faceSet.createdAt = now;
        return faceSet;
    }

    public UUID id() {
        return id;
    }

    public UUID tenantId() {
        return tenantId;
    }

    public String name() {
        return name;
    }

    public String consentAttestedBy() {
        return consentAttestedBy;
    }

    public String consentStatement() {
        return consentStatement;
    }

    public Instant consentAttestedAt() {
        return consentAttestedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public UUID referenceFaceId() {
        return referenceFaceId;
    }
}
