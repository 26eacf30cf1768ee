package dev.doppel.api.tenancy;

import java.security.SecureRandom;
import java.util.Base64;
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

    public Optional<Caller> authenticate(String key) {
        return jdbc.sql("select id, tenant_id from api_keys where key_hash = :hash and revoked_at is null")
                .param("hash", hash(key))
                .query((rs, n) -> new Caller(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class)))
                .optional();
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

    private static String hash(String key) {
        return Sha256.of(key);
    }
}
