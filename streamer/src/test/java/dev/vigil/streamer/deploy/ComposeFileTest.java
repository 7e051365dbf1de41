package dev.vigil.streamer.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.cli.HealthCheck;
import dev.vigil.streamer.config.AlertmanagerKeys;
import dev.vigil.streamer.config.MetricsKeys;
import dev.vigil.streamer.config.VigilConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.vigil.streamer.deploy.DeployFiles.COMPOSE;
import static dev.vigil.streamer.deploy.DeployFiles.ROOT;
import static dev.vigil.streamer.deploy.DeployFiles.interpolate;
import static dev.vigil.streamer.deploy.DeployFiles.under;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code deploy/compose/compose.yaml} agrees with the code and the repository: the streamer's configuration is
 * valid, its health check runs the health check class, ports, paths and mounted files line up.
 */
class ComposeFileTest {

    private final JsonNode compose = DeployFiles.yaml(COMPOSE.resolve("compose.yaml"));
    private final JsonNode services = compose.path("services");
    private final Map<String, String> dotEnv = DeployFiles.dotEnv(COMPOSE.resolve(".env"));

    @Test
    void theStackRunsByDefaultTheTrainerAndTheGeneratorOnRequest() {
        assertEquals(Set.of("kafka", "topics", "streamer", "prometheus", "alertmanager", "grafana", "trainer",
                "generator"), names(services));
        for (String service : List.of("kafka", "topics", "streamer", "prometheus", "alertmanager", "grafana")) {
            assertTrue(services.path(service).path("profiles").isMissingNode(), service + " has a profile");
        }
        assertEquals("[\"train\"]", services.path("trainer").path("profiles").toString());
        assertEquals("[\"demo\"]", services.path("generator").path("profiles").toString());
        services.fields().forEachRemaining(service -> names(service.getValue().path("depends_on")).forEach(
                dependency -> assertTrue(services.has(dependency), service.getKey() + " depends on " + dependency)));
    }

    @Test
    void vigilImagesAreTaggedWithTheProjectVersion() {
        String version = DeployFiles.projectVersion();
        assertEquals(version, dotEnv.get("VIGIL_VERSION"), ".env VIGIL_VERSION");
        for (String name : List.of("streamer", "trainer", "generator")) {
            assertEquals("vigil/" + name + ":" + version, image(name, Map.of()), name + " without .env");
            assertEquals("vigil/" + name + ":" + version, image(name, dotEnv), name);
        }
    }

    @Test
    void theStreamersFileAndEnvironmentAreAValidConfiguration() {
        VigilConfig config = streamerConfig();
        assertEquals("kafka:9092", config.getString(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertTrue(under(config.modelPath().toString(), target("streamer", "models")), config.modelPath()
                + " is not on the models volume");
        assertTrue(under(config.getString(StreamsConfig.STATE_DIR_CONFIG), target("streamer", "streamer-state")));
        URI alertmanager = URI.create(config.getString(AlertmanagerKeys.URL_CONFIG));
        assertTrue(services.has(alertmanager.getHost()), "no service " + alertmanager.getHost());
        assertTrue(ports("alertmanager").contains(alertmanager.getPort()), "alertmanager port " + alertmanager);
        assertEquals("9092", bootstrapPortOfKafka(), "the kafka service's PLAINTEXT listener");
    }

    @Test
    void prometheusScrapesTheStreamersMetricsPort() {
        int port = streamerConfig().getInt(MetricsKeys.PORT_CONFIG);
        assertEquals(MetricsKeys.DEFAULT_PORT, port);
        assertTrue(ports("streamer").contains(port), "streamer publishes " + ports("streamer"));
        JsonNode prometheus = DeployFiles.yaml(ROOT.resolve("deploy/prometheus/prometheus.yml"));
        assertEquals("[\"streamer:" + port + "\"]",
                prometheus.path("scrape_configs").get(0).path("static_configs").get(0).path("targets").toString());
        String alertmanager = prometheus.path("alerting").path("alertmanagers").get(0).path("static_configs").get(0)
                .path("targets").get(0).asText();
        assertTrue(services.has(alertmanager.split(":")[0]), alertmanager);
        assertEquals("/etc/prometheus/prometheus.yml", target("prometheus", "../prometheus/prometheus.yml"));
        // rule_files are relative to the configuration file
        assertEquals("[\"rules/*.yml\"]", prometheus.path("rule_files").toString());
        assertEquals("/etc/prometheus/rules", target("prometheus", "../prometheus/rules"));
    }

    @Test
    void theHealthCheckRunsHealthCheckOnTheImagesClassPath() {
        List<String> test = new ArrayList<>();
        services.path("streamer").path("healthcheck").path("test").forEach(arg -> test.add(arg.asText()));
        assertEquals("CMD", test.get(0));
        assertEquals("java", test.get(1));
        assertEquals(DeployFiles.IMAGE_CLASSES, test.get(test.indexOf("-cp") + 1));
        assertEquals(HealthCheck.class.getName(), test.get(test.size() - 1), "checks /health/ready by default");
        assertTrue(DeployFiles.pomValues("streamer", "containerizingMode").isEmpty(), "classes must stay exploded");
        assertTrue(DeployFiles.pomValues("streamer", "appRoot").isEmpty(), "classes must stay in /app/classes");
    }

    @Test
    void everyMountedFileExistsAndGrafanaFindsItsDashboards() {
        services.fields().forEachRemaining(service -> service.getValue().path("volumes").forEach(volume -> {
            String source = volume.asText().split(":")[0];
            if (source.startsWith(".")) {
                assertTrue(Files.exists(COMPOSE.resolve(source)), service.getKey() + " mounts missing " + source);
            } else {
                assertTrue(compose.path("volumes").has(source), service.getKey() + " uses undeclared " + source);
            }
        }));
        JsonNode provider = DeployFiles.yaml(ROOT.resolve("grafana/provisioning/dashboards/vigil.yml"));
        assertEquals(provider.path("providers").get(0).path("options").path("path").asText(),
                target("grafana", "../../grafana/dashboards"));
        assertEquals("http://prometheus:9090", services.path("grafana").path("environment")
                .path("VIGIL_PROMETHEUS_URL").asText(), "the datasource URL grafana/provisioning needs");
    }

    private VigilConfig streamerConfig() {
        JsonNode streamer = services.path("streamer");
        List<String> command = new ArrayList<>();
        streamer.path("command").forEach(arg -> command.add(arg.asText()));
        assertEquals("--config", command.get(0));
        Path file = COMPOSE.resolve(sourceOf("streamer", command.get(1)));
        Map<String, String> environment = new LinkedHashMap<>();
        streamer.path("environment").fields().forEachRemaining(variable ->
                environment.put(variable.getKey(), interpolate(variable.getValue().asText(), dotEnv)));
        return DeployFiles.streamerConfig(file, environment);
    }

    private String image(String service, Map<String, String> variables) {
        return interpolate(services.path(service).path("image").asText(), variables);
    }

    private String bootstrapPortOfKafka() {
        String listeners = services.path("kafka").path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText();
        for (String listener : listeners.split(",")) {
            if (listener.startsWith("PLAINTEXT://kafka:")) {
                return listener.substring("PLAINTEXT://kafka:".length());
            }
        }
        return "none in " + listeners;
    }

    /** Container ports a service publishes. */
    private Set<Integer> ports(String service) {
        Set<Integer> ports = new TreeSet<>();
        services.path(service).path("ports").forEach(port -> {
            String[] parts = port.asText().split(":");
            ports.add(Integer.parseInt(parts[parts.length - 1]));
        });
        return ports;
    }

    /** Where a service mounts {@code source}. */
    private String target(String service, String source) {
        for (JsonNode volume : services.path(service).path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[0].equals(source)) {
                return parts[1];
            }
        }
        throw new AssertionError(service + " does not mount " + source);
    }

    /** The host file a service mounts at {@code containerPath}. */
    private String sourceOf(String service, String containerPath) {
        for (JsonNode volume : services.path(service).path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[1].equals(containerPath)) {
                return parts[0];
            }
        }
        throw new AssertionError(service + " mounts nothing at " + containerPath);
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        if (node.isArray()) {
            node.forEach(element -> names.add(element.asText()));
        } else {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }
}
