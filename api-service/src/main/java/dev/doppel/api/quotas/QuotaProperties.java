package dev.doppel.api.quotas;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every tenant's limits unless its own row in {@code tenant_quotas} says otherwise; 0 is no limit.
 *
 * @param activeJobs           jobs queued or running at once
 * @param submissionsPerMinute jobs submitted in any 60 seconds
 * @param storedBytes          uploads plus job results kept in the store
 */
@ConfigurationProperties("doppel.quotas")
public record QuotaProperties(@DefaultValue("0") int activeJobs, @DefaultValue("0") int submissionsPerMinute,
        @DefaultValue("0B") DataSize storedBytes) {
}
