package dev.doppel.api.deletion;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The jobs whose data derives from some ids: every job whose parameters name one of them, then
 * every job whose parameters name one of those jobs (a train job's id is its model's, so convert
 * jobs of a model and train jobs continuing it follow), until nothing new turns up. It reads the
 * parameters' top-level values, so a new job kind is covered without being listed here.
 */
@Component
class AffectedJobs {

    record Job(UUID id, String kind, String state) {

        boolean active() {
            return state.equals("QUEUED") || state.equals("RUNNING");
        }
    }

    private final JdbcClient jdbc;

    AffectedJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Job> of(UUID tenantId, List<UUID> ids) {
        String[] refs = ids.stream().map(UUID::toString).toArray(String[]::new);
        return jdbc.sql("""
                with recursive affected(id) as (
                    select j.id from jobs j
                    where j.tenant_id = :tenant and exists (select 1 from jsonb_each_text(j.parameters) p where p.value = any(:refs))
                  union
                    select j.id from jobs j join affected a
                      on exists (select 1 from jsonb_each_text(j.parameters) p where p.value = a.id::text)
                    where j.tenant_id = :tenant
                )
                select j.id, j.kind, j.state from jobs j where j.id in (select id from affected) order by j.created_at
                """)
                .param("tenant", tenantId).param("refs", refs)
                .query((rs, n) -> new Job(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list();
    }
}
