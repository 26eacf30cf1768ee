package dev.doppel.standalone.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After an extract job, /actuator/prometheus carries the job meters of both halves: the API's
 * (submitted, outbox backlog) and the worker's (attempts, queue wait, duration, finished, in flight,
 * throughput gauges). Other tests share this Doppel, so counts are at least, never exactly.
 */
class MetricsIT {

    private final ApiClient api = RunningDoppel.get().api;

    @Test
    void anExtractJobShowsUpInThePrometheusScrape() throws Exception {
        UUID faceSet = api.createFaceSet("Metrics");
        api.uploadOk(faceSet, TestMedia.portrait("m.jpg"));
        UUID job = api.submitExtract(faceSet);
        api.awaitState(job, "SUCCEEDED", Duration.ofSeconds(60));

        String scrape = awaitScrapeWith("doppel_jobs_finished_total", Map.of("kind", "extract", "outcome", "succeeded"));

        assertCountedAtLeastOnce(scrape, "doppel_jobs_submitted_total", Map.of("kind", "extract"));
        assertCountedAtLeastOnce(scrape, "doppel_jobs_attempts_total", Map.of("kind", "extract", "retry", "false"));
        assertCountedAtLeastOnce(scrape, "doppel_jobs_duration_seconds_count", Map.of("kind", "extract", "outcome", "succeeded"));
        assertThat(value(scrape, "doppel_jobs_duration_seconds_bucket", Map.of("kind", "extract", "outcome", "succeeded", "le", "+Inf")))
                .isPresent();
        assertCountedAtLeastOnce(scrape, "doppel_jobs_queue_wait_seconds_count", Map.of("kind", "extract"));
        assertThat(value(scrape, "doppel_jobs_in_flight", Map.of("kind", "train"))).hasValue(0.0);
        assertThat(value(scrape, "doppel_outbox_backlog", Map.of())).isPresent();
        assertThat(value(scrape, "doppel_train_examples_per_second", Map.of())).hasValue(0.0);
        assertThat(value(scrape, "doppel_convert_frames_per_second", Map.of())).hasValue(0.0);
    }

    private static void assertCountedAtLeastOnce(String scrape, String name, Map<String, String> labels) {
        OptionalDouble count = value(scrape, name, labels);
        assertThat(count).as("%s%s", name, labels).isPresent();
        assertThat(count.getAsDouble()).as("%s%s", name, labels).isGreaterThanOrEqualTo(1);
    }

    /** The worker counts a job after its last ledger write, a moment after clients see it finished. */
    private String awaitScrapeWith(String name, Map<String, String> labels) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            ApiClient.Response response = api.withKey("").get("/actuator/prometheus");
            assertThat(response.status()).isEqualTo(200);
            String scrape = new String(response.body(), StandardCharsets.UTF_8);
            if (value(scrape, name, labels).isPresent() || System.nanoTime() > deadline) {
                return scrape;
            }
            Thread.sleep(100);
        }
    }

    /** The value of the first sample of {@code name} that carries every one of {@code labels}. */
    static OptionalDouble value(String scrape, String name, Map<String, String> labels) {
        return scrape.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> labels.entrySet().stream().allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\"")))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }
}
