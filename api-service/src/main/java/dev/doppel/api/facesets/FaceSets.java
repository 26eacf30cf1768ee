package dev.doppel.api.facesets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;

import dev.doppel.api.audit.AuditLog;
import dev.doppel.api.quotas.Quotas;
import dev.doppel.api.system.ApiProblem;
import dev.doppel.api.system.Sha256;
import dev.doppel.api.tenancy.Caller;
import dev.doppel.model.media.MediaInfo;
import dev.doppel.model.media.MediaProbe;
import dev.doppel.model.storage.ObjectStore;
import dev.doppel.model.storage.StorageKeys;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

/** Face sets and their uploads. An upload batch is all or nothing: one bad file stores none. */
@Service
public class FaceSets {

    private final FaceSetRepository faceSets;
    private final MediaRepository media;
    private final MediaProbe probe;
    private final ObjectStore store;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Quotas quotas;

    FaceSets(FaceSetRepository faceSets, MediaRepository media, MediaProbe probe, ObjectStore store, AuditLog audit,
            TransactionTemplate transactions, JdbcClient jdbc, Quotas quotas) {
        this.quotas = quotas;
        this.faceSets = faceSets;
        this.media = media;
        this.probe = probe;
        this.store = store;
        this.audit = audit;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    public FaceSet create(Caller caller, String name, String attestedBy) {
        return transactions.execute(status -> {
            FaceSet faceSet = faceSets.save(FaceSet.attested(caller.tenantId(), caller.apiKeyId(), name, attestedBy, clock.instant()));
            audit.record(caller, "face-set.created", "face-set", faceSet.id(),
                    Map.of("name", name, "consentAttestedBy", attestedBy));
            return faceSet;
        });
    }

    public FaceSet get(Caller caller, UUID id) {
        return faceSets.findByIdAndTenantIdAndDeletingSinceIsNull(id, caller.tenantId()).orElseThrow(() -> ApiProblem.notFound("face-set", id));
    }

    public List<FaceSet> list(Caller caller) {
        return faceSets.findByTenantIdAndDeletingSinceIsNullOrderByCreatedAtDesc(caller.tenantId());
    }

    public List<Media> media(Caller caller, UUID faceSetId) {
        return media.findByFaceSetIdAndTenantIdOrderByCreatedAt(get(caller, faceSetId).id(), caller.tenantId());
    }

    public long mediaCount(Caller caller, UUID faceSetId) {
        return media.countByFaceSetIdAndTenantId(faceSetId, caller.tenantId());
    }

    /** The caller's upload with this id, in any of their face sets. */
    public Optional<Media> findUpload(Caller caller, UUID mediaId) {
        return media.findByIdAndTenantId(mediaId, caller.tenantId())
                .filter(upload -> faceSets.findByIdAndTenantIdAndDeletingSinceIsNull(upload.faceSetId(), caller.tenantId()).isPresent());
    }

    /** Faces the last successful extract job kept: what training learns from. */
    public long faceCount(Caller caller, UUID faceSetId) {
        return jdbc.sql("select count(*) from faces where face_set_id = :faceSet and tenant_id = :tenant")
                .param("faceSet", faceSetId).param("tenant", caller.tenantId()).query(Long.class).single();
    }

    public List<Media> upload(Caller caller, UUID faceSetId, List<MultipartFile> files) throws IOException {
        FaceSet faceSet = get(caller, faceSetId);
        if (files.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "Send one or more files as multipart parts named 'file'.");
        }
        List<Path> temporary = new ArrayList<>();
        List<String> stored = new ArrayList<>();
        try {
            List<Accepted> accepted = new ArrayList<>();
            for (MultipartFile file : files) {
                Path local = Files.createTempFile("doppel-upload-", ".bin");
                temporary.add(local);
                file.transferTo(local);
                MediaInfo info = probe.probe(local);
                accepted.add(new Accepted(UUID.randomUUID(), file.getOriginalFilename(), local, info));
            }
            long incoming = 0;
            for (Accepted file : accepted) {
                incoming += Files.size(file.path());
            }
            long needed = incoming;
            transactions.executeWithoutResult(status -> quotas.checkStorage(caller, needed));
            List<Media> created = new ArrayList<>();
            for (Accepted file : accepted) {
                String key = StorageKeys.media(caller.tenantId(), faceSet.id(), file.id(), file.info().format().extension());
                store.put(key, file.path(), file.info().format().contentType());
                stored.add(key);
                created.add(Media.accepted(file.id(), faceSet, file.info(), displayName(file.originalName()), key,
                        Files.size(file.path()), Sha256.of(file.path()), clock.instant()));
            }
            List<Media> saved = transactions.execute(status -> {
                List<Media> rows = media.saveAll(created);
                audit.record(caller, "face-set.media-uploaded", "face-set", faceSet.id(),
                        Map.of("mediaIds", rows.stream().map(Media::id).toList()));
                return rows;
            });
            stored.clear();
            return saved;
        } finally {
            stored.forEach(store::remove);
            for (Path path : temporary) {
                Files.deleteIfExists(path);
            }
        }
    }

    private record Accepted(UUID id, String originalName, Path path, MediaInfo info) {
    }

    /** Client file names are kept for display only, never for keys or paths. */
    private static String displayName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        return base.length() > 200 ? base.substring(0, 200) : base;
    }
}
