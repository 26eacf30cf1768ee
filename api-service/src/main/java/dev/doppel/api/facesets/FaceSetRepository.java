package dev.doppel.api.facesets;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface FaceSetRepository extends JpaRepository<FaceSet, UUID> {

    /** A face set being deleted is gone to every reader already. */
    Optional<FaceSet> findByIdAndTenantIdAndDeletingSinceIsNull(UUID id, UUID tenantId);

    List<FaceSet> findByTenantIdAndDeletingSinceIsNullOrderByCreatedAtDesc(UUID tenantId);
}
