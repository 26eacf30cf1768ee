package dev.doppel.api.tenancy;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Who is asking: the tenant every query is scoped to, the key recorded in the audit log, what
 * the key may do, and whether its tenant is the operator's (who may create tenants).
 */
public record Caller(UUID tenantId, UUID apiKeyId, Set<Scope> scopes, boolean operator) {

    public Caller {
        scopes = Scope.normalised(scopes);
    }

    /** A caller with every scope of its own tenant: the sweeps' and tests' own. */
    public Caller(UUID tenantId, UUID apiKeyId) {
        this(tenantId, apiKeyId, EnumSet.allOf(Scope.class), false);
    }

    public boolean may(Scope scope) {
        return scopes.contains(scope);
    }
}
