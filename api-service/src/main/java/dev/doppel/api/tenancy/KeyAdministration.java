package dev.doppel.api.tenancy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.doppel.api.audit.AuditLog;
import dev.doppel.api.system.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's admins manage its keys; the operator's admins also create tenants. A key's secret is
 * shown once, when it is made, and only its hash is kept. Every change is audited.
 */
@Service
public class KeyAdministration {

    /** A key as its tenant's admins see it: never its secret. */
    public record Key(UUID id, String name, Set<Scope> scopes, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

        public Key {
            scopes = Scope.normalised(scopes);
        }
    }

    /** A key just made, with the secret that is never shown again. */
    public record NewKey(Key key, String secret) {
    }

    public record NewTenant(UUID id, String name, NewKey adminKey) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    KeyAdministration(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public List<Key> list(Caller caller) {
        return jdbc.sql("""
                select id, name, scopes, created_at, last_used_at, revoked_at from api_keys
                where tenant_id = :tenant order by created_at, id
                """).param("tenant", caller.tenantId()).query((rs, n) -> new Key(rs.getObject("id", UUID.class), rs.getString("name"),
                        Scope.setOf(List.of((String[]) rs.getArray("scopes").getArray())), rs.getTimestamp("created_at").toInstant(),
                        instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("revoked_at")))).list();
    }

    @Transactional
    public NewKey create(Caller caller, String name, Set<Scope> scopes) {
        NewKey created = insert(caller.tenantId(), name, scopes);
        audit.record(caller, "key.created", "key", created.key().id(), Map.of("name", name, "scopes", labels(scopes)));
        return created;
    }

    /** Revoked keys fail at once, on every endpoint; a tenant keeps at least one admin key, so it cannot lock itself out. */
    @Transactional
    public void revoke(Caller caller, UUID keyId) {
        Key key = own(caller, keyId);
        if (key.revokedAt() == null && key.scopes().contains(Scope.ADMIN) && activeAdminKeys(caller.tenantId()) == 1) {
            throw new ApiProblem(HttpStatus.CONFLICT, "last-admin-key", "Last admin key",
                    "Key " + keyId + " is this tenant's last admin key; create another admin key before revoking it.");
        }
        jdbc.sql("update api_keys set revoked_at = coalesce(revoked_at, now()) where id = :id").param("id", keyId).update();
        audit.record(caller, "key.revoked", "key", keyId, Map.of("name", key.name()));
    }

    /** A new secret under the same name and scopes, as a new key; the old one is revoked in the same transaction. */
    @Transactional
    public NewKey rotate(Caller caller, UUID keyId) {
        Key old = own(caller, keyId);
        if (old.revokedAt() != null) {
            throw new ApiProblem(HttpStatus.CONFLICT, "key-revoked", "Key revoked", "Key " + keyId + " is revoked; create a new one instead.");
        }
        NewKey rotated = insert(caller.tenantId(), old.name(), old.scopes());
        jdbc.sql("update api_keys set revoked_at = now() where id = :id").param("id", keyId).update();
        audit.record(caller, "key.rotated", "key", keyId, Map.of("name", old.name(), "replacedBy", rotated.key().id().toString()));
        return rotated;
    }

    /** Only the operator's admins make tenants; each starts with one admin key. */
    @Transactional
    public NewTenant createTenant(Caller caller, String name) {
        if (!caller.operator()) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "not-operator", "Not the operator",
                    "Only the installation's own tenant (the bootstrap key's) creates tenants.");
        }
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("insert into tenants (id, name) values (:id, :name) on conflict (name) do nothing")
                .param("id", id).param("name", name).update();
        if (inserted == 0) {
            throw new ApiProblem(HttpStatus.CONFLICT, "tenant-exists", "Tenant exists", "A tenant named '" + name + "' exists already.");
        }
        NewKey admin = insert(id, "admin", EnumSet.allOf(Scope.class));
        audit.record(caller, "tenant.created", "tenant", id, Map.of("name", name));
        audit.record(new Caller(id, caller.apiKeyId()), "key.created", "key", admin.key().id(),
                Map.of("name", "admin", "scopes", labels(admin.key().scopes()), "by", "operator"));
        return new NewTenant(id, name, admin);
    }

    private NewKey insert(UUID tenantId, String name, Set<Scope> scopes) {
        String secret = ApiKeys.newKey();
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into api_keys (id, tenant_id, name, key_hash, scopes) values (:id, :tenant, :name, :hash, :scopes)")
                .param("id", id).param("tenant", tenantId).param("name", name).param("hash", ApiKeys.hash(secret))
                .param("scopes", labels(scopes).toArray(String[]::new)).update();
        Key key = jdbc.sql("select created_at from api_keys where id = :id").param("id", id)
                .query((rs, n) -> new Key(id, name, scopes, rs.getTimestamp(1).toInstant(), null, null)).single();
        return new NewKey(key, secret);
    }

    private Key own(Caller caller, UUID keyId) {
        return list(caller).stream().filter(key -> key.id().equals(keyId)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("key", keyId));
    }

    private long activeAdminKeys(UUID tenantId) {
        return jdbc.sql("select count(*) from api_keys where tenant_id = :t and revoked_at is null and 'admin' = any(scopes)")
                .param("t", tenantId).query(Long.class).single();
    }

    private static List<String> labels(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::label).toList();
    }


    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
