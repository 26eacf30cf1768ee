package dev.doppel.api.tenancy;

import java.util.UUID;

/** Who is asking: the tenant every query is scoped to, and the key recorded in the audit log. */
public record Caller(UUID tenantId, UUID apiKeyId) {
}
