package dev.vigil.streamer.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The repository's observability files: Grafana provisioning and dashboards ({@code grafana/}), Prometheus
 * configuration and rules ({@code deploy/prometheus/}), the Alertmanager example ({@code deploy/alertmanager/}).
 */
final class ObservabilityFiles {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final ObjectMapper YAML = new YAMLMapper();

    /** One PromQL expression and where it was found, for failure messages. */
    record Query(String origin, String expr) {
    }

    /** A dashboard template variable of type query. */
    record Variable(String dashboard, String name, String query, boolean includeAll, String allValue) {
    }

    /** A dashboard file and its parsed JSON. */
    record Dashboard(Path file, JsonNode json) {

        String name() {
            return file.getFileName().toString();
        }

        /** Every panel, those nested in collapsed rows included. */
        List<JsonNode> panels() {
            List<JsonNode> panels = new ArrayList<>();
            for (JsonNode panel : json.path("panels")) {
                panels.add(panel);
                panel.path("panels").forEach(panels::add);
            }
            return panels;
        }

        List<Query> queries() {
            List<Query> queries = new ArrayList<>();
            for (JsonNode panel : panels()) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(new Query(name() + " / " + panel.path("title").asText() + " / "
                            + target.path("refId").asText(), target.path("expr").asText()));
                }
            }
            return queries;
        }

        List<Variable> variables() {
            List<Variable> variables = new ArrayList<>();
            for (JsonNode v : json.path("templating").path("list")) {
                JsonNode query = v.path("query");
                String text = query.isObject() ? query.path("query").asText() : query.asText();
                variables.add(new Variable(name(), v.path("name").asText(), text, v.path("includeAll").asBoolean(),
                        v.path("allValue").asText(".*")));
            }
            return variables;
        }
    }

    final Path root;

    private ObservabilityFiles(Path root) {
        this.root = root;
    }

    /** Finds the repository root from the module directory the tests run in. */
    static ObservabilityFiles find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("grafana")) && Files.isDirectory(dir.resolve("deploy"))) {
                return new ObservabilityFiles(dir);
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no grafana/ and deploy/ above " + Path.of("").toAbsolutePath());
    }

    Path datasourceFile() {
        return root.resolve("grafana/provisioning/datasources/prometheus.yml");
    }

    Path dashboardProviderFile() {
        return root.resolve("grafana/provisioning/dashboards/vigil.yml");
    }

    Path prometheusConfig() {
        return root.resolve("deploy/prometheus/prometheus.yml");
    }

    Path alertmanagerConfig() {
        return root.resolve("deploy/alertmanager/alertmanager.yml");
    }

    List<Path> ruleFiles() {
        return list(root.resolve("deploy/prometheus/rules"), ".yml");
    }

    List<Dashboard> dashboards() {
        return list(root.resolve("grafana/dashboards"), ".json").stream().map(f -> new Dashboard(f, read(JSON, f)))
                .toList();
    }

    /** Every rule's expression (alerting and recording rules) of every rule file. */
    List<Query> ruleQueries() {
        List<Query> queries = new ArrayList<>();
        for (Path file : ruleFiles()) {
            for (JsonNode group : read(YAML, file).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    String name = rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText();
                    queries.add(new Query(file.getFileName() + " / " + name, rule.path("expr").asText()));
                }
            }
        }
        return queries;
    }

    /** The {@code dashboard_uid} annotation of every alert rule that has one, by rule. */
    Map<String, String> ruleDashboardUids() {
        Map<String, String> uids = new TreeMap<>();
        for (Path file : ruleFiles()) {
            for (JsonNode group : read(YAML, file).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    JsonNode uid = rule.path("annotations").path("dashboard_uid");
                    if (!uid.isMissingNode()) {
                        uids.put(file.getFileName() + " / " + rule.path("alert").asText(), uid.asText());
                    }
                }
            }
        }
        return uids;
    }

    static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file + " does not parse: " + e.getMessage(), e);
        }
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
