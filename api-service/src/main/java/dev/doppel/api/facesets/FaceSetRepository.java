package dev.doppel.api.facesets;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface FaceSetRepository extends JpaRepository<FaceSet, UUID> {

    Optional<FaceSet> findByIdAndTenantId(UUID id, UUID tenantId);

    List<FaceSet> findByTenantIdOrderByCreatedAtDesc(UUID tenantId);
}
