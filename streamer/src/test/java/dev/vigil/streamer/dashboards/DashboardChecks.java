package dev.vigil.streamer.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.dashboards.ObservabilityFiles.Dashboard;
import dev.vigil.streamer.dashboards.ObservabilityFiles.Variable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Static checks of the Grafana files: provisioning, dashboard structure, datasource references. */
final class DashboardChecks {

    /** The oldest dashboard schema the checks accept (Grafana 10.0 writes 38; 10.4 and 11 write 39). */
    static final int MIN_SCHEMA_VERSION = 36;

    private DashboardChecks() {
    }

    /** The uid of the one Prometheus datasource the provisioning file declares, checked along the way. */
    static String provisionedDatasourceUid(ObservabilityFiles files) {
        JsonNode datasources = ObservabilityFiles.read(ObservabilityFiles.YAML, files.datasourceFile())
                .path("datasources");
        require(datasources.size() == 1, files.datasourceFile() + ": expected one datasource, found "
                + datasources.size());
        JsonNode ds = datasources.get(0);
        require(ds.path("type").asText().equals("prometheus"), "datasource type: " + ds.path("type"));
        require(!ds.path("uid").asText().isBlank(), "the datasource needs a fixed uid");
        require(!ds.path("url").asText().isBlank(), "the datasource needs a url");
        JsonNode providers = ObservabilityFiles.read(ObservabilityFiles.YAML, files.dashboardProviderFile())
                .path("providers");
        require(providers.size() == 1 && providers.get(0).path("type").asText().equals("file")
                        && !providers.get(0).path("options").path("path").asText().isBlank(),
                files.dashboardProviderFile() + ": expected one file provider with options.path");
        return ds.path("uid").asText();
    }

    /** What is wrong with {@code dashboard}, or nothing. */
    static List<String> problems(Dashboard dashboard, String datasourceUid) {
        List<String> problems = new ArrayList<>();
        JsonNode json = dashboard.json();
        String name = dashboard.name();
        for (String field : List.of("uid", "title")) {
            if (json.path(field).asText().isBlank()) {
                problems.add(name + ": no " + field);
            }
        }
        if (json.path("schemaVersion").asInt() < MIN_SCHEMA_VERSION) {
            problems.add(name + ": schemaVersion " + json.path("schemaVersion") + " < " + MIN_SCHEMA_VERSION);
        }
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.panels()) {
            String title = name + " / " + panel.path("title").asText();
            if (!ids.add(panel.path("id").asInt())) {
                problems.add(title + ": panel id " + panel.path("id") + " used twice");
            }
            if (panel.path("targets").size() > 0 && !panel.has("datasource")) {
                problems.add(title + ": a panel with queries needs a datasource");
            }
            for (JsonNode target : panel.path("targets")) {
                if (target.path("expr").asText().isBlank()) {
                    problems.add(title + " / " + target.path("refId").asText() + ": no expr");
                }
                if (!target.has("datasource")) {
                    problems.add(title + " / " + target.path("refId").asText() + ": no datasource");
                }
            }
        }
        for (Variable variable : dashboard.variables()) {
            if (PromQl.labelValues(variable.query()) == null) {
                problems.add(name + ": variable " + variable.name() + " is not label_values(selector, label): "
                        + variable.query());
            }
        }
        datasourceReferences(json, name, datasourceUid, problems);
        return problems;
    }

    /** Every "datasource" anywhere in the dashboard must be an object naming the provisioned uid. */
    private static void datasourceReferences(JsonNode node, String path, String uid, List<String> problems) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String at = path + "/" + field.getKey();
                if (field.getKey().equals("datasource")
                        && !(field.getValue().isObject() && field.getValue().path("uid").asText().equals(uid))) {
                    problems.add(at + ": datasource " + field.getValue() + ", expected uid " + uid);
                } else {
                    datasourceReferences(field.getValue(), at, uid, problems);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                datasourceReferences(node.get(i), path + "/" + i, uid, problems);
            }
        }
    }

    /** The names of the samples in a Prometheus text exposition ({@code _bucket}, {@code _count}, ... included). */
    static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
