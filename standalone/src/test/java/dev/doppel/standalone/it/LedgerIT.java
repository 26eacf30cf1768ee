package dev.doppel.standalone.it;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.doppel.api.tenancy.ApiKeys;
import dev.doppel.model.jobs.CancelOutcome;
import dev.doppel.model.jobs.HeartbeatOutcome;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobRoute;
import dev.doppel.model.jobs.JobState;
import dev.doppel.model.jobs.JobLease;
import dev.doppel.model.jobs.JobLedger;
import dev.doppel.model.jobs.JobQuery;
import dev.doppel.model.jobs.JobRecord;
import dev.doppel.model.jobs.NewJob;
import dev.doppel.model.jobs.ProgressSnapshot;
import dev.doppel.model.storage.StorageKeys;
import org.junit.jupiter.api.AfterEach;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's conditional updates on real PostgreSQL: exactly one winner, and losers write nothing. */
class LedgerIT {

    private static final JobRoute STEPPING = JobRoute.of(SteppingHandler.KIND);
    private static final JobRoute EXTRACT = JobRoute.of(JobKind.of("extract"));

    private final RunningDoppel doppel = RunningDoppel.get();
    private final JobLedger ledger = doppel.bean(JobLedger.class);

    @AfterEach
    void resumeWorker() {
        doppel.resumeWorker();
    }

    @Test
    void ofEightWorkersClaimingOneJobExactlyOneWins() throws Exception {
        doppel.pauseWorker();
        UUID jobId = SteppingJobs.submit(doppel, 1, 1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Optional<JobLease>>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String owner = "racer-" + i;
                claims.add(() -> ledger.claim(jobId, STEPPING, owner, Duration.ofSeconds(30)));
            }
            long winners = 0;
            for (Future<Optional<JobLease>> claim : pool.invokeAll(claims)) {
                winners += claim.get().isPresent() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(ledger.find(jobId).orElseThrow().attempt()).isEqualTo(1);
    }

    @Test
    void aWorkerWhoseLeaseWasReapedCanNeitherHeartbeatNorFinish() throws Exception {
        doppel.pauseWorker();
        UUID jobId = SteppingJobs.submit(doppel, 1, 1);
        JobLease stale = ledger.claim(jobId, STEPPING, "slow-worker", Duration.ofMillis(200)).orElseThrow();
        assertThat(ledger.claim(jobId, STEPPING, "other", Duration.ofSeconds(30))).isEmpty();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ledger.find(jobId).orElseThrow().state() != JobState.QUEUED) {
            assertThat(System.nanoTime()).as("the reaper re-queued the job once its lease expired").isLessThan(deadline);
            ledger.reapExpiredLeases();
            Thread.sleep(50);
        }
        JobLease fresh = ledger.claim(jobId, STEPPING, "fresh-worker", Duration.ofSeconds(30)).orElseThrow();

        assertThat(ledger.heartbeat(stale, Duration.ofSeconds(30), ProgressSnapshot.starting())).isEqualTo(HeartbeatOutcome.LOST);
        assertThat(ledger.succeed(stale, "{\"files\":[]}", ProgressSnapshot.starting())).isFalse();
        assertThat(ledger.heartbeat(fresh, Duration.ofSeconds(30), ProgressSnapshot.starting())).isEqualTo(HeartbeatOutcome.HELD);
        assertThat(ledger.succeed(fresh, "{\"files\":[]}", ProgressSnapshot.starting())).isTrue();
        assertThat(ledger.find(jobId).orElseThrow().attempt()).isEqualTo(2);
        assertThat(ledger.claim(jobId, STEPPING, "late", Duration.ofSeconds(30))).isEmpty();
    }

    @Test
    void aJobIsOnlyClaimedFromItsOwnKindsQueue() throws Exception {
        doppel.pauseWorker();
        UUID jobId = SteppingJobs.submit(doppel, 1, 1);
        assertThat(ledger.claim(jobId, EXTRACT, "confused", Duration.ofSeconds(30))).isEmpty();
        assertThat(ledger.claim(jobId, STEPPING, "right", Duration.ofSeconds(30))).isPresent();
    }

    @Test
    void aJobsPartsAreSubmittedOnceHiddenFromListingsCancelledWithItAndLetGoWhenItEnds() throws Exception {
        doppel.pauseWorker();
        UUID tenant = doppel.tenantId;
        UUID parent = SteppingJobs.submit(doppel, 1, 1);
        UUID finished = UUID.randomUUID();
        UUID waiting = UUID.randomUUID();
        for (UUID part : List.of(finished, waiting)) {
            assertThat(ledger.submitPart(new NewJob(part, tenant, STEPPING, "{\"steps\":1}", null, 3), parent)).isTrue();
        }
        assertThat(ledger.submitPart(new NewJob(finished, tenant, STEPPING, "{\"steps\":1}", null, 3), parent))
                .as("a parent's second attempt finds the part it submitted").isFalse();
        JdbcClient jdbc = doppel.bean(JdbcClient.class);
        assertThat(jdbc.sql("select count(*) from job_outbox where job_id = :id").param("id", finished).query(Long.class).single())
                .as("published once").isEqualTo(1);
        assertThat(ledger.parts(parent)).extracting(JobRecord::id).containsExactlyInAnyOrder(finished, waiting);
        assertThat(ledger.list(new JobQuery(tenant, null, null, null, 50))).extracting(JobRecord::id)
                .contains(parent).doesNotContain(finished, waiting);

        JobLease lease = ledger.claim(finished, STEPPING, "part-worker", Duration.ofSeconds(30)).orElseThrow();
        assertThat(ledger.succeed(lease, "{\"files\":[]}", ProgressSnapshot.starting())).isTrue();
        assertThat(ledger.requestCancel(tenant, parent)).isEqualTo(CancelOutcome.CANCELLED);
        assertThat(ledger.find(waiting).orElseThrow().state()).as("a queued part is cancelled with its parent").isEqualTo(JobState.CANCELLED);
        assertThat(ledger.find(finished).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);

        // In one transaction, as a parent's success runs it, and before the sweeper can work the list off.
        long listed = doppel.bean(TransactionTemplate.class).execute(status -> {
            ledger.retireParts(tenant, parent);
            return jdbc.sql("select count(*) from object_deletions where prefix = :prefix")
                    .param("prefix", StorageKeys.jobPrefix(tenant, finished)).query(Long.class).single();
        });
        assertThat(listed).as("the part's outputs are listed for removal").isEqualTo(1);
        JobRecord retired = ledger.find(finished).orElseThrow();
        assertThat(retired.resultJson()).isNull();
        assertThat(retired.dataDeletedAt()).isNotNull();
    }

    @Test
    void aPartThatSucceedsAfterItsParentLetItGoKeepsNothing() {
        doppel.pauseWorker();
        UUID tenant = doppel.tenantId;
        UUID parent = SteppingJobs.submit(doppel, 1, 1);
        UUID part = UUID.randomUUID();
        assertThat(ledger.submitPart(new NewJob(part, tenant, STEPPING, "{\"steps\":1}", null, 3), parent)).isTrue();
        JobLease lease = ledger.claim(part, STEPPING, "part-worker", Duration.ofSeconds(30)).orElseThrow();
        // The parent retires its parts (cancelled, or joined) while this one still runs: it is only asked to stop...
        ledger.retireParts(tenant, parent);
        assertThat(ledger.find(part).orElseThrow().cancelRequested()).isTrue();

        // ...and finishes before it notices: in one transaction, as the worker records a success, before the sweeper drains the list.
        long listed = doppel.bean(TransactionTemplate.class).execute(status -> {
            assertThat(ledger.succeed(lease, "{\"files\":[]}", ProgressSnapshot.starting())).isTrue();
            return doppel.bean(JdbcClient.class).sql("select count(*) from object_deletions where prefix = :prefix")
                    .param("prefix", StorageKeys.jobPrefix(tenant, part)).query(Long.class).single();
        });
        assertThat(listed).as("the part's outputs are listed for removal").isEqualTo(1);
        JobRecord retired = ledger.find(part).orElseThrow();
        assertThat(retired.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(retired.resultJson()).isNull();
        assertThat(retired.dataDeletedAt()).as("let go as it succeeds, not left to retention").isNotNull();
    }
}
