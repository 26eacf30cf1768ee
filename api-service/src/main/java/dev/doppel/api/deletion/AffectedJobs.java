package dev.doppel.api.deletion;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The jobs whose data derives from some ids: every job whose parameters name one of them, then
 * every job whose parameters name one of those jobs (a train job's id is its model's, so convert
 * jobs of a model and train jobs continuing it or starting from it follow), until nothing new turns
 * up. It reads the parameters' top-level values and the items of top-level lists (a pretrain job's
 * {@code faceSets}), so a new job kind is covered without being listed here.
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
                with recursive refs(job_id, value) as (
                    select j.id, coalesce(item.value, p.value #>> '{}')
                    from jobs j cross join jsonb_each(j.parameters) p
                    left join jsonb_array_elements_text(case jsonb_typeof(p.value) when 'array' then p.value end) item on true
                    where j.tenant_id = :tenant
                ), affected(id) as (
                    select job_id from refs where value = any(:refs)
                  union
                    select r.job_id from refs r join affected a on r.value = a.id::text
                )
                select j.id, j.kind, j.state from jobs j where j.id in (select id from affected) order by j.created_at
                """)
                .param("tenant", tenantId).param("refs", refs)
                .query((rs, n) -> new Job(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list();
    }
}
