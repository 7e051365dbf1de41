package dev.vigil.streamer.dashboards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The project's {@code deploy/prometheus/prometheus.yml}, changed only as far as a test needs: a 1 s scrape and
 * evaluation interval, the rule files by absolute path, no Alertmanager, and the streamer's job scraping a local
 * port instead of {@code streamer:9464}.
 */
final class TestPrometheusConfig {

    private TestPrometheusConfig() {
    }

    static String from(ObservabilityFiles files, String job, String target) {
        ObjectNode config = (ObjectNode) ObservabilityFiles.read(ObservabilityFiles.YAML, files.prometheusConfig());
        ObjectNode global = config.withObject("/global");
        global.put("scrape_interval", "1s");
        global.put("evaluation_interval", "1s");
        config.remove("alerting");
        Path dir = files.prometheusConfig().getParent();
        ArrayNode rules = config.putArray("rule_files");
        ObservabilityFiles.read(ObservabilityFiles.YAML, files.prometheusConfig()).path("rule_files")
                .forEach(r -> rules.add(dir.resolve(r.asText()).toString()));
        boolean found = false;
        for (JsonNode scrape : config.path("scrape_configs")) {
            if (scrape.path("job_name").asText().equals(job)) {
                ArrayNode statics = ((ObjectNode) scrape).putArray("static_configs");
                statics.addObject().putArray("targets").add(target);
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException(files.prometheusConfig() + " has no scrape config for job " + job);
        }
        try {
            return ObservabilityFiles.YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
