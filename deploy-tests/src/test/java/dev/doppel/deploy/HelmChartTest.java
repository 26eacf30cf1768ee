package dev.doppel.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import org.junit.jupiter.api.Test;

import static dev.doppel.deploy.RenderedChart.at;
import static dev.doppel.deploy.RenderedChart.list;
import static dev.doppel.deploy.RenderedChart.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** helm/doppel, linted and rendered by Helm's own code (helm-java), for default and GPU values. */
class HelmChartTest {

    private static final Path CHART = RepositoryFiles.path("helm/doppel");
    private static final Set<String> CREDENTIALS = Set.of("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD",
            "SPRING_RABBITMQ_USERNAME", "SPRING_RABBITMQ_PASSWORD", "DOPPEL_STORAGE_ACCESS_KEY", "DOPPEL_STORAGE_SECRET_KEY");

    @Test
    void theChartLintsCleanly() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void defaultValuesRenderApiAndWorkerWithProbesBudgetsAndReferencedSecrets() {
        RenderedChart chart = render(template());

        assertThat(chart.all("Deployment")).hasSize(2);
        assertThat(chart.all("PodDisruptionBudget")).hasSize(2);
        assertThat(chart.all("ScaledObject")).isEmpty();
        assertThat(chart.all("Ingress")).isEmpty();
        assertThat(chart.all("Secret")).as("default values name existing Secrets").isEmpty();
        for (String app : List.of("-api", "-worker")) {
            assertProbesOnTheManagementPort(chart, app);
            assertCredentialsComeFromSecrets(chart, app, Map.of("SPRING_DATASOURCE_PASSWORD", "doppel-database",
                    "SPRING_RABBITMQ_PASSWORD", "doppel-broker", "DOPPEL_STORAGE_SECRET_KEY", "doppel-object-store"));
            assertEveryVariableBindsAndNothingRequiredIsMissing(chart, app);
        }
        assertThat(at(chart.container("-worker"), "resources", "limits")).doesNotContainKey("nvidia.com/gpu");
        assertThat(at(chart.one("Deployment", "-worker"), "spec")).containsEntry("replicas", 1);
        assertThat(at(chart.one("PodDisruptionBudget", "-worker"), "spec")).containsEntry("maxUnavailable", 1);
        assertThat(chart.env("-api")).containsKey("MANAGEMENT_SERVER_PORT");
    }

    @Test
    void theWorkerGetsTimeToDrainAndUploadItsCheckpointBeforeKubernetesKillsIt() {
        RenderedChart chart = render(template());
        Map<String, Object> worker = chart.podSpec("-worker");
        assertThat(chart.env("-worker").get("DOPPEL_WORKER_DRAIN_TIMEOUT")).containsEntry("value", "60s");
        assertThat(worker.get("terminationGracePeriodSeconds")).as("60 s drain + 120 s upload + 20 s margin").isEqualTo(200);
    }

    @Test
    void retentionReachesTheApiOnlyWhenSet() {
        assertThat(render(template()).env("-api")).doesNotContainKeys("DOPPEL_RETENTION_RESULTS", "DOPPEL_RETENTION_UPLOADS");
        RenderedChart chart = render(template().set("retention.results", "30d").set("retention.uploads", "P90D"));
        assertThat(chart.env("-api").get("DOPPEL_RETENTION_RESULTS")).containsEntry("value", "30d");
        assertThat(chart.env("-api").get("DOPPEL_RETENTION_UPLOADS")).containsEntry("value", "P90D");
        assertEveryVariableBindsAndNothingRequiredIsMissing(chart, "-api");
        assertThatThrownBy(() -> template().set("retention.results", "a month").call()).as("the schema refuses what is not a duration")
                .hasMessageContaining("results");
    }

    @Test
    void quotasReachTheApiOnlyWhenSet() {
        assertThat(render(template()).env("-api")).doesNotContainKeys("DOPPEL_QUOTAS_ACTIVE_JOBS", "DOPPEL_QUOTAS_SUBMISSIONS_PER_MINUTE",
                "DOPPEL_QUOTAS_STORED_BYTES");
        RenderedChart chart = render(template().set("quotas.activeJobs", "20").set("quotas.submissionsPerMinute", "60")
                .set("quotas.storedBytes", "50GB"));
        assertThat(chart.env("-api").get("DOPPEL_QUOTAS_ACTIVE_JOBS")).containsEntry("value", "20");
        assertThat(chart.env("-api").get("DOPPEL_QUOTAS_STORED_BYTES")).containsEntry("value", "50GB");
        assertEveryVariableBindsAndNothingRequiredIsMissing(chart, "-api");
        assertThatThrownBy(() -> template().set("quotas.storedBytes", "lots").call()).hasMessageContaining("storedBytes");
    }

    @Test
    void gpuValuesAskForAGpuOnGpuNodesAndScaleWorkersOnTheTrainAndConvertQueues() {
        RenderedChart chart = render(template().withValuesFile(RepositoryFiles.path("helm/doppel/ci/gpu-values.yaml")));

        Map<String, Object> pod = chart.podSpec("-worker");
        assertThat(at(chart.container("-worker"), "resources", "limits")).containsEntry("nvidia.com/gpu", 1);
        assertThat(map(pod.get("nodeSelector"))).containsEntry("nvidia.com/gpu.present", "true");
        assertThat(list(pod.get("tolerations"))).contains(Map.of("key", "nvidia.com/gpu", "operator", "Exists", "effect", "NoSchedule"));
        assertThat(chart.env("-worker").get("DOPPEL_WORKER_KINDS")).containsEntry("value", "train,convert");
        assertThat(chart.env("-worker").get("DOPPEL_WORKER_ENGINES")).containsEntry("value", "pytorch");
        assertThat(chart.env("-api").get("DOPPEL_MODELS_PREFERRED_ENGINE")).as("train jobs default to the GPU workers' engine")
                .containsEntry("value", "pytorch");
        assertEveryVariableBindsAndNothingRequiredIsMissing(chart, "-api");
        assertThat(chart.env("-worker")).containsKeys("DOPPEL_WORKER_CONCURRENCY_TRAIN", "DOPPEL_WORKER_CONCURRENCY_CONVERT");
        assertThat(at(chart.one("Deployment", "-worker"), "spec")).as("KEDA owns the replica count").doesNotContainKey("replicas");
        assertProbesOnTheManagementPort(chart, "-worker");
        assertEveryVariableBindsAndNothingRequiredIsMissing(chart, "-worker");
        assertThat(chart.all("PodDisruptionBudget")).hasSize(2);

        Map<String, Object> scaledObject = at(chart.one("ScaledObject", "-worker"), "spec");
        assertThat(map(scaledObject.get("scaleTargetRef")).get("name").toString()).endsWith("-worker");
        assertThat(scaledObject).containsEntry("minReplicaCount", 0).containsEntry("maxReplicaCount", 8);
        List<Map<String, Object>> rabbit = list(scaledObject.get("triggers")).stream().map(RenderedChart::map)
                .filter(trigger -> "rabbitmq".equals(trigger.get("type"))).toList();
        assertThat(rabbit).extracting(trigger -> map(trigger.get("metadata")).get("queueName"))
                .containsExactlyInAnyOrder("doppel.jobs.train.pytorch", "doppel.jobs.convert.pytorch", "doppel.jobs.convert-part.pytorch");
        rabbit.forEach(trigger -> assertThat(map(trigger.get("metadata")))
                .as("the management API counts unacknowledged messages too")
                .containsEntry("protocol", "http").containsEntry("mode", "QueueLength").doesNotContainKey("excludeUnacknowledged"));
        Map<String, Object> running = list(scaledObject.get("triggers")).stream().map(RenderedChart::map)
                .filter(trigger -> "postgresql".equals(trigger.get("type"))).findFirst().orElseThrow();
        assertThat(map(running.get("metadata")).get("query").toString()).contains("state = 'RUNNING'")
                .contains("route in ('train.pytorch', 'convert.pytorch', 'convert-part.pytorch')")
                .as("a convert job waiting on its parts is not counted twice").contains("p.parent_id = j.id");
        assertThat(at(scaledObject, "advanced", "scalingModifiers"))
                .containsEntry("formula", "queue_train_pytorch + queue_convert_pytorch + queue_convert_part_pytorch + running").containsEntry("target", "1");
        Map<String, Object> scaleDown = at(scaledObject, "advanced", "horizontalPodAutoscalerConfig", "behavior", "scaleDown");
        assertThat(list(scaleDown.get("policies"))).containsExactly(Map.of("type", "Pods", "value", 1, "periodSeconds", 600));

        for (Map<String, Object> auth : chart.all("TriggerAuthentication")) {
            assertThat(list(map(auth.get("spec")).get("secretTargetRef"))).isNotEmpty()
                    .allSatisfy(ref -> assertThat(map(ref).get("name")).isIn("doppel-broker", "doppel-database"));
        }
    }

    @Test
    void credentialsGivenAsValuesBecomeSecretsThatThePodsReference() {
        RenderedChart chart = render(template().withName("prod")
                .set("postgresql.existingSecret", "").set("postgresql.username", "doppel").set("postgresql.password", "db-pass-123")
                .set("rabbitmq.existingSecret", "").set("rabbitmq.username", "doppel").set("rabbitmq.password", "mq-pass-123")
                .set("objectStore.existingSecret", "").set("objectStore.accessKey", "ak").set("objectStore.secretKey", "s3-pass-123"));

        assertThat(chart.all("Secret")).extracting(RenderedChart::name)
                .containsExactlyInAnyOrder("prod-doppel-database", "prod-doppel-broker", "prod-doppel-object-store");
        assertCredentialsComeFromSecrets(chart, "-worker", Map.of("SPRING_DATASOURCE_PASSWORD", "prod-doppel-database",
                "SPRING_RABBITMQ_PASSWORD", "prod-doppel-broker", "DOPPEL_STORAGE_SECRET_KEY", "prod-doppel-object-store"));
        chart.all("Deployment").forEach(deployment -> assertThat(deployment.toString())
                .doesNotContain("db-pass-123").doesNotContain("mq-pass-123").doesNotContain("s3-pass-123"));
    }

    @Test
    void optionalPiecesRenderWhenAskedFor() {
        RenderedChart chart = render(template().set("api.ingress.enabled", "true").set("api.ingress.tlsSecretName", "doppel-tls")
                .set("metrics.serviceMonitor.enabled", "true").set("api.bootstrapKey.existingSecret", "doppel-api-key"));

        Map<String, Object> ingress = at(chart.one("Ingress", "-api"), "spec");
        assertThat(ingress.toString()).contains("doppel.example.com").contains("doppel-tls").contains("name=http");
        assertThat(at(chart.one("ServiceMonitor", "doppel"), "spec").toString())
                .contains("port=management").contains("path=/actuator/prometheus");
        assertThat(chart.env("-api").get("DOPPEL_AUTH_BOOTSTRAP_KEY_FILE")).containsEntry("value", "/var/run/doppel/bootstrap/api-key");
        assertEveryVariableBindsAndNothingRequiredIsMissing(chart, "-api");
    }

    @Test
    void theSchemaRejectsValuesTheAppsWouldRefuse() {
        assertThatThrownBy(() -> template().set("worker.kinds[0]", "Paint It").call()).hasMessageContaining("kinds");
        assertThatThrownBy(() -> template().set("worker.engines[0]", "../torch").call()).hasMessageContaining("engines");
        assertThatThrownBy(() -> template().set("worker.autoscaling.queues[0]", "train..x").call()).hasMessageContaining("queues");
        assertThatThrownBy(() -> template().set("jobs.namespace", "Not Valid").call()).hasMessageContaining("namespace");
        assertThatThrownBy(() -> template().set("worker.gpu.enabled", "maybe").call()).hasMessageContaining("enabled");
    }

    private static void assertProbesOnTheManagementPort(RenderedChart chart, String app) {
        Map<String, Object> container = chart.container(app);
        assertThat(at(container, "livenessProbe", "httpGet")).containsEntry("path", "/actuator/health/liveness").containsEntry("port", "management");
        assertThat(at(container, "readinessProbe", "httpGet")).containsEntry("path", "/actuator/health/readiness").containsEntry("port", "management");
        assertThat(at(container, "startupProbe", "httpGet")).containsEntry("port", "management");
        assertThat(list(container.get("ports"))).contains(Map.of("name", "management", "containerPort", 8081));
    }

    private static void assertCredentialsComeFromSecrets(RenderedChart chart, String app, Map<String, String> secretOf) {
        Map<String, Map<String, Object>> env = chart.env(app);
        for (String credential : CREDENTIALS) {
            assertThat(env.get(credential)).as(app + " " + credential).doesNotContainKey("value").containsKey("valueFrom");
            assertThat(at(env.get(credential), "valueFrom")).containsKey("secretKeyRef");
        }
        secretOf.forEach((variable, secret) -> assertThat(at(env.get(variable), "valueFrom", "secretKeyRef")).containsEntry("name", secret));
    }

    private static void assertEveryVariableBindsAndNothingRequiredIsMissing(RenderedChart chart, String app) {
        AppProperties properties = AppProperties.get();
        for (String variable : chart.env(app).keySet()) {
            assertThat(properties.propertyOf(variable)).as("%s: %s binds no property of the apps", app, variable).isPresent();
        }
        assertThat(properties.missing(properties.required(), chart.env(app).keySet())).as(app).isEmpty();
    }

    private static TemplateCommand template() {
        return new Helm(CHART).template().withName("doppel").withKubeVersion("1.30.0");
    }

    private static RenderedChart render(TemplateCommand command) {
        return RenderedChart.parse(command.call());
    }
}
