package dev.vigil.streamer.metrics;

import dev.vigil.streamer.inference.ExecutionProvider;
import dev.vigil.streamer.output.ScoreRecord;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dev.vigil.streamer.metrics.MeterFixtures.event;
import static dev.vigil.streamer.metrics.MeterFixtures.scored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Prometheus names are a contract with dashboards and alert rules: exactly these, each documented. */
class PrometheusNamesTest {

    private static final Set<String> FAMILIES = Set.of(
            "vigil_records_in_total", "vigil_records_scored_total", "vigil_records_dead_lettered_total",
            "vigil_series_warming_up", "vigil_batch_size", "vigil_inference_latency_seconds", "vigil_event_lag_seconds",
            "vigil_anomalies_opened_total", "vigil_anomalies_resolved_total", "vigil_anomalies_active",
            "vigil_anomaly_score", "vigil_threshold", "vigil_scaled_error", "vigil_model_info",
            "vigil_model_calibrated_threshold", "vigil_state_series", "vigil_series_actual", "vigil_series_expected",
            "vigil_series_lower", "vigil_series_upper", "vigil_series_score", "vigil_forecasts_total");
    private static final Set<String> HISTOGRAMS = Set.of("vigil_batch_size", "vigil_inference_latency_seconds",
            "vigil_event_lag_seconds", "vigil_anomaly_score", "vigil_threshold", "vigil_scaled_error");
    /** Prometheus client histograms (see FractionalHistogram): no {@code _max}. */
    private static final Set<String> FRACTIONAL = Set.of("vigil_anomaly_score", "vigil_threshold",
            "vigil_scaled_error");

    @Test
    void everyHookExportsExactlyTheDocumentedNames() {
        String scrape = scrapeAfterEveryHook();
        Set<String> expected = new TreeSet<>();
        for (String family : FAMILIES) {
            if (HISTOGRAMS.contains(family)) {
                List.of("_bucket", "_count", "_sum").forEach(suffix -> expected.add(family + suffix));
                if (!FRACTIONAL.contains(family)) {
                    expected.add(family + "_max");
                }
            } else {
                expected.add(family);
            }
        }
        assertEquals(expected, PrometheusText.names(scrape, "vigil_"));
    }

    @Test
    void fractionalValuesLandInTheirOwnBuckets() {
        String scrape = scrapeAfterEveryHook(); // one scored point: score 0.7, threshold 2.5, scaled error 1.5
        assertEquals(0, PrometheusText.value(scrape, "vigil_anomaly_score_bucket{le=\"0.6\"}"));
        assertEquals(1, PrometheusText.value(scrape, "vigil_anomaly_score_bucket{le=\"0.7\"}"));
        assertEquals(0.7, PrometheusText.value(scrape, "vigil_anomaly_score_sum"), 1e-12);
        assertEquals(0, PrometheusText.value(scrape, "vigil_scaled_error_bucket{le=\"1.0\"}"));
        assertEquals(1, PrometheusText.value(scrape, "vigil_scaled_error_bucket{le=\"1.5\"}"));
        assertEquals(0, PrometheusText.value(scrape, "vigil_threshold_bucket{le=\"2.0\"}"));
        assertEquals(1, PrometheusText.value(scrape, "vigil_threshold_bucket{le=\"3.0\"}"));
        assertEquals(1, PrometheusText.value(scrape, "vigil_threshold_count"));
    }

    @Test
    void docsListEveryMeter() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "metrics.md"));
        for (String family : FAMILIES) {
            String documented = HISTOGRAMS.contains(family) ? family + "_bucket" : family;
            assertTrue(docs.contains("`" + documented), "docs/metrics.md should document " + documented);
        }
    }

    private static String scrapeAfterEveryHook() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try {
            VigilMeters meters = new VigilMeters(MeterFixtures.SPEC, MeterFixtures.VERSION, ExecutionProvider.CPU,
                    MeterFixtures.series(List.of(), 10));
            meters.bindTo(registry);
            meters.recordIn();
            meters.deadLettered("invalid-record");
            meters.warmUpStarted();
            meters.scored(ScoreRecord.warmingUp("a", 0, 1, 8, MeterFixtures.VERSION));
            meters.scored(scored("a", 0, 0.7));
            meters.anomalyEvent(event("a:0", "OPENED", "MINOR"));
            meters.batch(1, 1000);
            meters.forecasts("stepped", 1);
            meters.storeSize("0_0", 1);
            return registry.scrape();
        } finally {
            registry.close();
        }
    }
}
