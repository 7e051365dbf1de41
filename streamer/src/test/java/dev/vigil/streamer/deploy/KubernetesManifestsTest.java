package dev.vigil.streamer.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.config.MetricsKeys;
import dev.vigil.streamer.config.VigilConfig;
import dev.vigil.streamer.metrics.MetricsServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static dev.vigil.streamer.deploy.DeployFiles.K8S;
import static dev.vigil.streamer.deploy.DeployFiles.under;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code deploy/k8s} agrees with the code: probes hit the endpoint's health paths, the ConfigMap is a valid
 * configuration whose paths are on the mounted volumes, selectors match the pods, every container has resources
 * and runs as the images' user, and the PrometheusRule carries the repository's health rules.
 */
class KubernetesManifestsTest {

    private final JsonNode statefulSet = DeployFiles.yaml(K8S.resolve("streamer-statefulset.yaml"));
    private final JsonNode pod = statefulSet.path("spec").path("template");
    private final JsonNode streamer = pod.path("spec").path("containers").get(0);
    private final JsonNode job = DeployFiles.yaml(K8S.resolve("trainer/trainer-job.yaml"));
    private final JsonNode trainer = job.path("spec").path("template").path("spec").path("containers").get(0);

    @Test
    void kustomizationsListEveryManifestAndTagTheProjectVersion() throws IOException {
        for (Path dir : List.of(K8S, K8S.resolve("trainer"))) {
            JsonNode kustomization = DeployFiles.yaml(dir.resolve("kustomization.yaml"));
            Set<String> listed = new TreeSet<>();
            kustomization.path("resources").forEach(resource -> listed.add(resource.asText()));
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(files.map(file -> file.getFileName().toString())
                        .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                        .collect(TreeSet::new, Set::add, Set::addAll), listed, dir + " resources");
            }
            kustomization.path("configMapGenerator").forEach(generator -> generator.path("files").forEach(
                    file -> assertTrue(Files.isRegularFile(dir.resolve(file.asText())), file.asText())));
            kustomization.path("images").forEach(image ->
                    assertEquals(DeployFiles.projectVersion(), image.path("newTag").asText(), image.toString()));
        }
        assertEquals("vigil/streamer:" + DeployFiles.projectVersion(), streamer.path("image").asText());
        assertEquals("vigil/trainer:" + DeployFiles.projectVersion(), trainer.path("image").asText());
    }

    @Test
    void probesHitTheEndpointsHealthPathsOnItsPort() throws Exception {
        assertEquals("/health/live", streamer.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals("/health/ready", streamer.path("readinessProbe").path("httpGet").path("path").asText());
        int port = containerPort(streamer, "metrics");
        assertEquals(streamerConfig().getInt(MetricsKeys.PORT_CONFIG), port);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (MetricsServer server = MetricsServer.start(0, registry, () -> null)) {
            HttpClient http = HttpClient.newHttpClient();
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                JsonNode get = streamer.path(probe).path("httpGet");
                assertEquals("metrics", get.path("port").asText(), probe);
                URI uri = URI.create("http://127.0.0.1:" + server.port() + get.path("path").asText());
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode(), probe + " " + uri + ": " + answer.body());
            }
        } finally {
            registry.close();
        }
        JsonNode service = DeployFiles.yaml(K8S.resolve("streamer-service.yaml"));
        assertEquals(service.path("metadata").path("name").asText(), statefulSet.path("spec").path("serviceName")
                .asText());
        assertEquals("None", service.path("spec").path("clusterIP").asText());
        assertEquals(port, service.path("spec").path("ports").get(0).path("port").asInt());
        assertEquals("metrics", service.path("spec").path("ports").get(0).path("targetPort").asText());
    }

    @Test
    void theConfigMapIsAValidConfigurationWithItsPathsOnTheVolumes() {
        VigilConfig config = streamerConfig();
        Map<String, String> mounts = mounts(streamer);
        String stateClaim = statefulSet.path("spec").path("volumeClaimTemplates").get(0).path("metadata")
                .path("name").asText();
        assertTrue(under(config.getString(StreamsConfig.STATE_DIR_CONFIG), mounts.get(stateClaim)),
                "state.dir is not on the volume claim " + stateClaim);
        assertTrue(under(config.modelPath().toString(), mounts.get("models")), "the model is not on the models volume");
        assertEquals(claim(pod, "models"), DeployFiles.yaml(K8S.resolve("models-pvc.yaml")).path("metadata")
                .path("name").asText());
        List<String> trainerArgs = strings(trainer.path("args"));
        String output = trainerArgs.get(trainerArgs.indexOf("--output") + 1);
        assertEquals(config.modelPath().toString(), output, "the trainer writes the model the streamers read");
        assertTrue(under(output, mounts(trainer).get("models")));
        assertEquals(claim(pod, "models"), claim(job.path("spec").path("template"), "models"));
    }

    @Test
    void everyContainerHasResourcesAndRunsAsTheImagesUserOnAReadOnlyRoot() {
        String user = DeployFiles.parentProperty("vigil.image.user");
        for (JsonNode template : List.of(pod, job.path("spec").path("template"))) {
            JsonNode security = template.path("spec").path("securityContext");
            assertEquals(user, security.path("runAsUser").asText());
            assertEquals(user, security.path("fsGroup").asText(), "volumes writable by the user");
            assertTrue(security.path("runAsNonRoot").asBoolean());
            JsonNode container = template.path("spec").path("containers").get(0);
            for (String resource : List.of("requests.cpu", "requests.memory", "limits.memory")) {
                String[] path = resource.split("\\.");
                assertFalse(container.path("resources").path(path[0]).path(path[1]).isMissingNode(),
                        container.path("name").asText() + " " + resource);
            }
            assertTrue(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
            assertTrue(volume(template, volumeAt(container, "/tmp")).has("emptyDir"), "/tmp is no emptyDir");
        }
        assertTrue(DeployFiles.pomValues("trainer", "DJL_CACHE_DIR").stream().allMatch(dir -> under(dir, "/tmp")),
                "the trainer image unpacks libtorch outside the writable /tmp");
    }

    @Test
    void theDisruptionBudgetAndThePodMonitorSelectTheStreamerPods() {
        Map<String, String> labels = new LinkedHashMap<>();
        pod.path("metadata").path("labels").fields().forEachRemaining(l -> labels.put(l.getKey(), l.getValue()
                .asText()));
        List<JsonNode> selectors = List.of(statefulSet.path("spec").path("selector").path("matchLabels"),
                DeployFiles.yaml(K8S.resolve("streamer-service.yaml")).path("spec").path("selector"),
                DeployFiles.yaml(K8S.resolve("streamer-pdb.yaml")).path("spec").path("selector").path("matchLabels"),
                DeployFiles.yaml(K8S.resolve("streamer-podmonitor.yaml")).path("spec").path("selector")
                        .path("matchLabels"));
        for (JsonNode selector : selectors) {
            assertFalse(selector.isEmpty());
            selector.fields().forEachRemaining(l -> assertEquals(l.getValue().asText(), labels.get(l.getKey()),
                    "selector " + selector));
        }
        assertEquals(1, DeployFiles.yaml(K8S.resolve("streamer-pdb.yaml")).path("spec").path("maxUnavailable").asInt());
        JsonNode monitor = DeployFiles.yaml(K8S.resolve("streamer-podmonitor.yaml")).path("spec");
        assertEquals(containerPort(streamer, monitor.path("podMetricsEndpoints").get(0).path("port").asText()),
                MetricsKeys.DEFAULT_PORT);
        JsonNode scrape = DeployFiles.yaml(DeployFiles.ROOT.resolve("deploy/prometheus/prometheus.yml"));
        assertEquals(scrape.path("scrape_configs").get(0).path("job_name").asText(),
                labels.get(monitor.path("jobLabel").asText()), "the job the health rules select");
    }

    @Test
    void thePrometheusRuleCarriesTheRepositorysHealthRules() {
        JsonNode rule = DeployFiles.yaml(K8S.resolve("vigil-prometheusrule.yaml"));
        JsonNode rules = DeployFiles.yaml(DeployFiles.ROOT.resolve("deploy/prometheus/rules/vigil-health.yml"));
        JsonNode expected = rules.path("groups");
        JsonNode actual = rule.path("spec").path("groups");
        String hint = ": copy the groups of deploy/prometheus/rules/vigil-health.yml into the PrometheusRule";
        assertEquals(expected.size(), actual.size(), "groups" + hint);
        for (int g = 0; g < expected.size(); g++) {
            assertEquals(expected.get(g).path("name"), actual.get(g).path("name"), "group name" + hint);
            JsonNode expectedRules = expected.get(g).path("rules");
            assertEquals(expectedRules.size(), actual.get(g).path("rules").size(), "rules" + hint);
            for (int r = 0; r < expectedRules.size(); r++) {
                assertEquals(expectedRules.get(r), actual.get(g).path("rules").get(r),
                        expectedRules.get(r).path("alert").asText() + hint);
            }
            assertEquals(expected.get(g), actual.get(g), "group " + expected.get(g).path("name").asText() + hint);
        }
    }

    private VigilConfig streamerConfig() {
        List<String> args = strings(streamer.path("args"));
        String file = args.get(args.indexOf("--config") + 1);
        String configMap = volume(pod, volumeAt(streamer, Path.of(file).getParent().toString()))
                .path("configMap").path("name").asText();
        JsonNode generator = DeployFiles.yaml(K8S.resolve("kustomization.yaml")).path("configMapGenerator").get(0);
        assertEquals(configMap, generator.path("name").asText());
        assertEquals(Path.of(file).getFileName().toString(), generator.path("files").get(0).asText());
        Map<String, String> environment = new LinkedHashMap<>();
        streamer.path("env").forEach(variable -> environment.put(variable.path("name").asText(),
                variable.path("value").asText()));
        return DeployFiles.streamerConfig(K8S.resolve(generator.path("files").get(0).asText()), environment);
    }

    private static int containerPort(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (port.path("name").asText().equals(name)) {
                return port.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no port named " + name);
    }

    /** Volume name by mount path. */
    private static Map<String, String> mounts(JsonNode container) {
        Map<String, String> mounts = new LinkedHashMap<>();
        container.path("volumeMounts").forEach(m -> mounts.put(m.path("name").asText(), m.path("mountPath").asText()));
        return mounts;
    }

    private static String volumeAt(JsonNode container, String mountPath) {
        return mounts(container).entrySet().stream().filter(m -> m.getValue().equals(mountPath)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + mountPath)).getKey();
    }

    private static JsonNode volume(JsonNode template, String name) {
        for (JsonNode volume : template.path("spec").path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    private static String claim(JsonNode template, String volume) {
        return volume(template, volume).path("persistentVolumeClaim").path("claimName").asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
