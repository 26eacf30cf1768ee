package dev.doppel.api.tenancy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.doppel.api.system.Sha256;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys map to tenants. Only a SHA-256 of each key is stored: keys are long random strings, so
 * an unsalted fast hash is enough and lets us look a key up by its hash.
 */
@Component
public class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    ApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The key's caller, if it is known and not revoked. Its use is noted at most once a minute: every
     * request runs this, and only the one that finds the note stale pays for a write.
     */
    public Optional<Caller> authenticate(String key) {
        Optional<Authenticated> found = jdbc.sql("""
                select k.id, k.tenant_id, k.scopes, t.operator,
                       k.last_used_at is null or k.last_used_at < now() - interval '1 minute' as stale
                from api_keys k join tenants t on t.id = k.tenant_id
                where k.key_hash = :hash and k.revoked_at is null
                """)
                .param("hash", hash(key))
                .query((rs, n) -> new Authenticated(new Caller(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class),
                        Scope.setOf(List.of((String[]) rs.getArray("scopes").getArray())), rs.getBoolean("operator")), rs.getBoolean("stale")))
                .optional();
        found.filter(Authenticated::useNoteStale).ifPresent(stale -> jdbc.sql("update api_keys set last_used_at = now() where id = :id")
                .param("id", stale.caller().apiKeyId()).update());
        return found.map(Authenticated::caller);
    }

    private record Authenticated(Caller caller, boolean useNoteStale) {
    }

    /** Whether a key still works: long-lived streams ask again as they go, so a revoked key stops at once. */
    public boolean active(UUID keyId) {
        return jdbc.sql("select 1 from api_keys where id = :id and revoked_at is null").param("id", keyId).query(Integer.class)
                .optional().isPresent();
    }

    /** The bootstrap key's tenant runs the installation: it may create the others. */
    public void markOperator(UUID tenantId) {
        jdbc.sql("update tenants set operator = true where id = :id and not operator").param("id", tenantId).update();
    }


    /** Creates the tenant when missing and registers {@code key} for it; returns the caller it maps to. */
    @Transactional
    public Caller register(String tenantName, String keyName, String key) {
        jdbc.sql("insert into tenants (id, name) values (:id, :name) on conflict (name) do nothing")
                .param("id", UUID.randomUUID()).param("name", tenantName).update();
        UUID tenantId = jdbc.sql("select id from tenants where name = :name").param("name", tenantName).query(UUID.class).single();
        jdbc.sql("""
                insert into api_keys (id, tenant_id, name, key_hash) values (:id, :tenant, :name, :hash)
                on conflict (key_hash) do nothing
                """)
                .param("id", UUID.randomUUID()).param("tenant", tenantId).param("name", keyName).param("hash", hash(key))
                .update();
        return authenticate(key).orElseThrow();
    }

    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "dk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String key) {
        return Sha256.of(key);
    }
}
