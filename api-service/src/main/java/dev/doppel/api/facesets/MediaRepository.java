package dev.doppel.api.facesets;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface MediaRepository extends JpaRepository<Media, UUID> {

    List<Media> findByFaceSetIdAndTenantIdOrderByCreatedAt(UUID faceSetId, UUID tenantId);

    long countByFaceSetIdAndTenantId(UUID faceSetId, UUID tenantId);

    Optional<Media> findByIdAndTenantId(UUID id, UUID tenantId);
}
