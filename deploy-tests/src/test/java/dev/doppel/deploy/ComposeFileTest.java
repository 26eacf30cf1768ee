package dev.doppel.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml, read as Compose reads it (anchors and merge keys resolved by SnakeYAML). */
class ComposeFileTest {

    private static final Pattern APP_VARIABLE = Pattern.compile("(DOPPEL|SPRING|MANAGEMENT|SERVER|LOGGING)_[A-Z0-9_]+");
    private static final Set<String> APPS = Set.of("api", "worker", "worker-gpu");

    private final Map<String, Object> compose = new Yaml().load(RepositoryFiles.read("docker-compose.yml"));
    private final AppProperties properties = AppProperties.get();

    @Test
    void everyAppVariableNamesAPropertyTheAppsBind() {
        for (String app : APPS) {
            for (String variable : environment(app).keySet()) {
                assertThat(APP_VARIABLE.matcher(variable).matches()).as("%s: %s is not a Doppel or Spring setting", app, variable).isTrue();
                assertThat(properties.propertyOf(variable)).as("%s: %s binds no property of the apps", app, variable).isPresent();
            }
        }
    }

    @Test
    void everyRequiredPropertyIsSetForEachApp() {
        for (String app : APPS) {
            assertThat(properties.missing(properties.required(), environment(app).keySet())).as(app).isEmpty();
        }
        assertThat(properties.propertyOf("DOPPEL_AUTH_BOOTSTRAP_KEY_FILE")).hasValue("doppel.auth.bootstrap-key-file");
        assertThat(environment("api")).containsKey("DOPPEL_AUTH_BOOTSTRAP_KEY_FILE");
    }

    @Test
    void theApiKeepsItsBootstrapKeyOnANamedVolume() {
        String keyFile = environment("api").get("DOPPEL_AUTH_BOOTSTRAP_KEY_FILE").toString();
        List<String> volumes = strings(service("api").get("volumes"));
        assertThat(volumes).anySatisfy(volume -> {
            String[] parts = volume.split(":");
            assertThat(namedVolumes()).contains(parts[0]);
            assertThat(keyFile).startsWith(parts[1] + "/");
        });
    }

    @Test
    void theServersAreThereWithHealthChecksAndNamedVolumes() {
        assertThat(services().keySet()).contains("postgres", "rabbitmq", "minio", "api", "worker", "worker-gpu");
        assertThat(service("rabbitmq").get("image").toString()).contains("management");
        for (String name : services().keySet()) {
            assertThat(service(name)).as(name + " health check").containsKey("healthcheck");
        }
        for (String server : List.of("postgres", "rabbitmq", "minio")) {
            String volume = strings(service(server).get("volumes")).get(0).split(":")[0];
            assertThat(namedVolumes()).as(server).contains(volume);
        }
        for (String app : APPS) {
            Map<String, Object> dependsOn = map(service(app).get("depends_on"));
            assertThat(dependsOn.keySet()).as(app).contains("postgres", "rabbitmq", "minio");
            dependsOn.values().forEach(condition -> assertThat(map(condition)).containsEntry("condition", "service_healthy"));
        }
    }

    @Test
    void theGpuWorkerIsOptionalReservesAGpuAndUsesTheCudaBuild() {
        Map<String, Object> gpu = service("worker-gpu");
        assertThat(strings(gpu.get("profiles"))).containsExactly("gpu");
        assertThat(map(map(gpu.get("build")).get("args"))).containsEntry("VARIANT", "torch-cuda");
        assertThat(environment("worker-gpu")).containsEntry("DOPPEL_WORKER_ENGINES", "pytorch");
        assertThat(map(map(service("worker").get("build")).get("args"))).containsEntry("VARIANT", "cpu");
        Object devices = map(map(map(gpu.get("deploy")).get("resources")).get("reservations")).get("devices");
        assertThat(map(((List<?>) devices).get(0))).containsEntry("driver", "nvidia");
    }

    @Test
    void workersGetLongerThanTheirDrainTimeoutToStop() {
        for (String worker : List.of("worker", "worker-gpu")) {
            int drain = seconds(environment(worker).get("DOPPEL_WORKER_DRAIN_TIMEOUT").toString());
            assertThat(seconds(service(worker).get("stop_grace_period").toString())).as(worker).isGreaterThan(drain);
        }
    }

    private Map<String, Object> environment(String service) {
        return map(service(service).get("environment"));
    }

    private Map<String, Object> service(String name) {
        return map(services().get(name));
    }

    private Map<String, Object> services() {
        return map(compose.get("services"));
    }

    private Set<String> namedVolumes() {
        return new TreeSet<>(map(compose.get("volumes")).keySet());
    }

    private static int seconds(String duration) {
        assertThat(duration).matches("\\d+s");
        return Integer.parseInt(duration.substring(0, duration.length() - 1));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<String>) value;
    }
}
