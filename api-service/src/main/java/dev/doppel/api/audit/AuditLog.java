package dev.doppel.api.audit;

import java.util.Map;

import dev.doppel.api.tenancy.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Appends who did what to which job or face set; the table refuses updates and deletes. */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditLog(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void record(Caller caller, String action, String subjectType, Object subjectId, Map<String, ?> detail) {
        jdbc.sql("""
                insert into audit_log (tenant_id, api_key_id, action, subject_type, subject_id, detail)
                values (:tenant, :key, :action, :subjectType, :subjectId, cast(:detail as jsonb))
                """)
                .param("tenant", caller.tenantId())
                .param("key", caller.apiKeyId())
                .param("action", action)
                .param("subjectType", subjectType)
                .param("subjectId", String.valueOf(subjectId))
                .param("detail", json.writeValueAsString(detail))
                .update();
    }
}
