package dev.doppel.api.deletion;

import java.util.List;
import java.util.UUID;

import dev.doppel.model.storage.ObjectStore;
import dev.doppel.model.storage.StorageKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Store objects to remove. A deletion enqueues its prefixes in the transaction that deletes their
 * rows; {@link #drain} removes them afterwards. A crash in between leaves the list, never an
 * orphaned object, and several API replicas drain it without treading on each other.
 */
@Component
class ObjectDeletions {

    private static final Logger log = LoggerFactory.getLogger(ObjectDeletions.class);
    private static final int BATCH = 50;

    private final JdbcClient jdbc;
    private final ObjectStore store;
    private final TransactionTemplate transactions;

    ObjectDeletions(JdbcClient jdbc, ObjectStore store, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.store = store;
        this.transactions = transactions;
    }

    /** Call inside the deleting transaction. Every prefix must lie under the tenant's own. */
    void enqueue(UUID tenantId, List<String> prefixes) {
        String tenantPrefix = StorageKeys.tenantPrefix(tenantId);
        for (String prefix : prefixes) {
            if (!prefix.startsWith(tenantPrefix) || prefix.length() <= tenantPrefix.length()) {
                throw new IllegalArgumentException("refusing to delete '" + prefix + "': not inside tenant " + tenantId);
            }
            jdbc.sql("insert into object_deletions (tenant_id, prefix) values (:tenant, :prefix)")
                    .param("tenant", tenantId).param("prefix", prefix).update();
        }
    }

    /** Removes what is listed, a batch at a time; answers how many prefixes it removed. */
    int drain() {
        int removed = 0;
        while (true) {
            Integer done = transactions.execute(status -> {
                List<Prefix> batch = jdbc.sql("select id, prefix from object_deletions order by id limit " + BATCH + " for update skip locked")
                        .query((rs, n) -> new Prefix(rs.getLong(1), rs.getString(2))).list();
                for (Prefix prefix : batch) {
                    store.removePrefix(prefix.prefix());
                    jdbc.sql("delete from object_deletions where id = :id").param("id", prefix.id()).update();
                }
                return batch.size();
            });
            removed += done;
            if (done < BATCH) {
                if (removed > 0) {
                    log.info("Removed {} deleted prefix(es) from the store", removed);
                }
                return removed;
            }
        }
    }

    private record Prefix(long id, String prefix) {
    }
}
