package dev.vigil.streamer.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.dashboards.ObservabilityFiles.Dashboard;
import dev.vigil.streamer.dashboards.ObservabilityFiles.Query;
import dev.vigil.streamer.dashboards.ObservabilityFiles.Variable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs dashboard and rule expressions against a live Prometheus over one time range, and collects what went
 * wrong: the expressions run, the metrics they name, and the failures.
 */
final class ExpressionChecks {

    private final PrometheusServer prometheus;
    private final Instant from;
    private final Instant to;
    private final List<Query> validated = new ArrayList<>();
    private final Set<String> referenced = new TreeSet<>();
    private final List<String> failures = new ArrayList<>();

    ExpressionChecks(PrometheusServer prometheus, Instant from, Instant to) {
        this.prometheus = prometheus;
        this.from = from;
        this.to = to;
    }

    /**
     * Checks a dashboard: its template variables first (see {@link #resolveVariables}), then every panel target,
     * with the variables substituted, must return at least one series with at least one number (not only NaN).
     */
    void dashboard(Dashboard dashboard, Map<String, String> builtIns) {
        Map<String, String> values = resolveVariables(dashboard, builtIns);
        for (Query query : dashboard.queries()) {
            Query concrete = new Query(query.origin(), PromQl.substitute(query.expr(), values));
            PrometheusServer.Result result = run(concrete);
            if (result.error() == null && result.series() == 0) {
                failures.add(concrete.origin() + ": no data: " + concrete.expr());
            } else if (result.error() == null && !result.anyFinite()) {
                failures.add(concrete.origin() + ": only NaN: " + concrete.expr());
            }
        }
    }

    /** A rule expression must evaluate; an alert condition that does not hold returns nothing, which is fine. */
    void rule(Query rule) {
        run(rule);
    }

    /** Every rule Prometheus loaded must have been evaluated without error. */
    void rulesHealthy() {
        JsonNode groups = prometheus.ruleGroups();
        if (groups.isEmpty()) {
            failures.add("Prometheus loaded no rule groups");
        }
        for (JsonNode group : groups) {
            for (JsonNode rule : group.path("rules")) {
                if (!rule.path("health").asText().equals("ok")) {
                    failures.add("rule " + group.path("name").asText() + " / " + rule.path("name").asText()
                            + ": health " + rule.path("health").asText() + " " + rule.path("lastError").asText());
                }
            }
        }
    }

    /** Every metric named by an expression run so far must be in {@code exported} or {@code synthetic}. */
    void metricsExist(Set<String> exported, Set<String> synthetic) {
        Set<String> missing = new TreeSet<>(referenced);
        missing.removeAll(exported);
        missing.removeAll(synthetic);
        if (!missing.isEmpty()) {
            failures.add("metrics referenced by dashboards or rules that the app does not export: " + missing);
        }
    }

    List<Query> validated() {
        return List.copyOf(validated);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /**
     * Values for a dashboard's template variables, in order: "All" for those that offer it, else the first value
     * (sorted) of the variable's own label_values query, with the variables before it substituted. A variable
     * query that returns nothing is a failure.
     */
    private Map<String, String> resolveVariables(Dashboard dashboard, Map<String, String> builtIns) {
        Map<String, String> values = new HashMap<>(builtIns);
        for (Variable variable : dashboard.variables()) {
            String origin = dashboard.name() + " / $" + variable.name();
            PromQl.LabelValues labelValues = PromQl.labelValues(variable.query());
            if (labelValues == null) {
                failures.add(origin + ": not a label_values query: " + variable.query());
                values.put(variable.name(), "");
                continue;
            }
            Query query = new Query(origin, PromQl.substitute(labelValues.asQuery(), values));
            validated.add(query);
            referenced.addAll(PromQl.metricNames(query.expr()));
            List<String> found = prometheus.labelValues(query.expr(), labelValues.label());
            if (found.isEmpty()) {
                failures.add(origin + ": no values from " + query.expr());
            }
            values.put(variable.name(), variable.includeAll() ? variable.allValue()
                    : found.stream().sorted().findFirst().orElse(""));
        }
        return values;
    }

    private PrometheusServer.Result run(Query query) {
        validated.add(query);
        referenced.addAll(PromQl.metricNames(query.expr()));
        PrometheusServer.Result result = prometheus.queryRange(query.expr(), from, to);
        if (result.error() != null) {
            failures.add(query.origin() + ": error " + result.error() + ": " + query.expr());
        }
        return result;
    }
}
