package dev.doppel.standalone.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.doppel.model.jobs.JobKind;
import dev.doppel.model.jobs.JobRoute;
import dev.doppel.model.jobs.JobLedger;
import dev.doppel.model.messaging.JobTopology;
import dev.doppel.model.storage.ObjectStore;
import dev.doppel.model.storage.StorageKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workers die: after claiming a job, or before acking its message. Either way the job finishes
 * exactly once, on another worker, and duplicates of its message change nothing.
 */
class WorkerRecoveryIT {

    private static final JobRoute EXTRACT = JobRoute.of(JobKind.of("extract"));

    private final RunningDoppel doppel = RunningDoppel.get();
    private final ApiClient api = doppel.api;
    private final JobLedger ledger = doppel.bean(JobLedger.class);
    private final JobTopology topology = doppel.bean(JobTopology.class);
    private final ObjectStore store = doppel.bean(ObjectStore.class);

    @AfterEach
    void resumeWorker() {
        doppel.resumeWorker();
    }

    @Test
    void aWorkerThatDiesAfterClaimingLosesTheJobToTheNextWorker() throws Exception {
        doppel.pauseWorker();
        UUID faceSet = faceSetWithOnePhoto();
        UUID jobId = api.submitExtract(faceSet);
        takeTheMessageAndDie(jobId, true);
        assertThat(api.job(jobId).path("state").asString()).isEqualTo("RUNNING");

        doppel.resumeWorker();
        JsonNode job = api.awaitState(jobId, "SUCCEEDED", Duration.ofSeconds(60));

        assertThat(job.path("attempt").asInt()).isEqualTo(2);
        assertOnlyAttemptOutputs(jobId, 2);
    }

    @Test
    void aWorkerThatDiesBeforeAckingHasItsMessageRedelivered() throws Exception {
        doppel.pauseWorker();
        UUID faceSet = faceSetWithOnePhoto();
        UUID jobId = api.submitExtract(faceSet);
        takeTheMessageAndDie(jobId, false);
        doppel.resumeWorker();
        JsonNode job = api.awaitState(jobId, "SUCCEEDED", Duration.ofSeconds(60));
        assertThat(job.path("attempt").asInt()).isEqualTo(1);
        assertOnlyAttemptOutputs(jobId, 1);
    }

    @Test
    void duplicateMessagesForAFinishedJobChangeNothing() throws Exception {
        UUID faceSet = faceSetWithOnePhoto();
        UUID jobId = api.submitExtract(faceSet);
        JsonNode finished = api.awaitState(jobId, "SUCCEEDED", Duration.ofSeconds(60));
        List<String> objects = resultObjects(doppel.tenantId, jobId);

        try (Connection connection = doppel.servers.rabbitConnectionFactory().newConnection()) {
            Channel channel = connection.createChannel();
            byte[] body = ("{\"jobId\":\"" + jobId + "\",\"route\":\"extract\"}").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 3; i++) {
                channel.basicPublish(topology.exchange(), EXTRACT.key(), null, body);
            }
            awaitQueueEmpty(channel, EXTRACT);
        }

        JsonNode after = api.job(jobId);
        assertThat(after.path("attempt").asInt()).isEqualTo(finished.path("attempt").asInt());
        assertThat(after.path("updatedAt").asString()).isEqualTo(finished.path("updatedAt").asString());
        assertThat(resultObjects(doppel.tenantId, jobId)).isEqualTo(objects);
    }

    @Test
    void aJobWhoseWorkersKeepDyingFailsWithAReasonAfterItsAttempts() throws Exception {
        doppel.pauseWorker();
        UUID faceSet = faceSetWithOnePhoto();
        UUID jobId = api.submitExtract(faceSet);
        for (int attempt = 1; attempt <= 3; attempt++) {
            awaitClaim(jobId, "doomed-" + attempt);
        }
        JsonNode job = api.awaitState(jobId, "FAILED", Duration.ofSeconds(30));
        assertThat(job.path("attempt").asInt()).isEqualTo(3);
        assertThat(job.path("error").path("type").asString()).isEqualTo("/problems/jobs/worker-lost");
        assertThat(job.path("error").path("detail").asString()).contains("3 time");
        assertThat(job.path("result").isNull()).isTrue();
    }

    /** Plays a worker that takes the job's message and dies, after claiming and acking it or before either. */
    private void takeTheMessageAndDie(UUID jobId, boolean claimAndAck) throws Exception {
        Connection doomed = doppel.servers.rabbitConnectionFactory().newConnection();
        try {
            Channel channel = doomed.createChannel();
            GetResponse delivery = awaitMessage(channel, EXTRACT);
            assertThat(new String(delivery.getBody(), StandardCharsets.UTF_8)).contains(jobId.toString());
            if (claimAndAck) {
                assertThat(ledger.claim(jobId, EXTRACT, "doomed-worker", Duration.ofSeconds(3))).isPresent();
                channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
            }
        } finally {
            doomed.abort();
        }
    }

    private void awaitClaim(UUID jobId, String owner) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ledger.claim(jobId, EXTRACT, owner, Duration.ofSeconds(1)).isEmpty()) {
            assertThat(System.nanoTime()).as("job %s queued again for %s", jobId, owner).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private UUID faceSetWithOnePhoto() throws Exception {
        UUID faceSet = api.createFaceSet("Recovery");
        api.uploadOk(faceSet, TestMedia.portrait("r.jpg"));
        return faceSet;
    }



    /** Exactly one attempt's outputs exist, and the face set's faces point into that attempt only. */
    private void assertOnlyAttemptOutputs(UUID jobId, int attempt) throws Exception {
        String winner = StorageKeys.jobAttemptPrefix(doppel.tenantId, jobId, attempt);
        String previews = StorageKeys.jobPrefix(doppel.tenantId, jobId) + "previews/";
        List<String> objects = resultObjects(doppel.tenantId, jobId);
        assertThat(objects).allMatch(key -> key.startsWith(winner) || key.startsWith(previews));
        assertThat(objects).contains(winner + "contact-sheet.png", winner + "alignments.json");
        try (var connection = doppel.servers.jdbc();
                var statement = connection.prepareStatement("select crop_key from faces where job_id = ?")) {
            statement.setObject(1, jobId);
            try (var rows = statement.executeQuery()) {
                int faces = 0;
                while (rows.next()) {
                    faces++;
                    assertThat(rows.getString(1)).startsWith(winner).isIn(objects);
                }
                assertThat(faces).isPositive();
            }
        }
    }

    private List<String> resultObjects(UUID tenant, UUID jobId) {
        return store.list(StorageKeys.jobPrefix(tenant, jobId));
    }

    private GetResponse awaitMessage(Channel channel, JobRoute kind) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        GetResponse response;
        while ((response = channel.basicGet(topology.queueFor(kind), false)) == null) {
            assertThat(System.nanoTime()).as("a message on %s", topology.queueFor(kind)).isLessThan(deadline);
            Thread.sleep(50);
        }
        return response;
    }

    private void awaitQueueEmpty(Channel channel, JobRoute kind) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (channel.queueDeclarePassive(topology.queueFor(kind)).getMessageCount() > 0) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
        Thread.sleep(1000);
    }
}
