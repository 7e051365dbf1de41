package dev.vigil.streamer.dashboards;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromQlTest {

    @Test
    void findsMetricNamesButNotFunctionsLabelsStringsOrDurations() {
        assertEquals(Set.of("vigil_event_lag_seconds_bucket"), PromQl.metricNames(
                "histogram_quantile(0.99, sum by (job, instance, le) (rate(vigil_event_lag_seconds_bucket"
                        + "{job=\"vigil-streamer\", le!=\"+Inf\"}[5m])))"));
        assertEquals(Set.of("vigil_records_dead_lettered_total", "vigil_records_in_total"), PromQl.metricNames(
                "sum by (reason) (rate(vigil_records_dead_lettered_total[10m])) / on (job, instance) group_left "
                        + "sum by (job, instance) (rate(vigil_records_in_total[10m] offset 1h)) > 1e-2"));
        assertEquals(Set.of("up", "vigil_model_info"), PromQl.metricNames(
                "absent(up{job=\"vigil-streamer\"}) or (up unless on(instance) vigil_model_info)"));
        assertEquals(Set.of("x"), PromQl.metricNames("deriv(max (x)[15m:1m]) > bool 0.5 and topk(10, x)"));
        assertEquals(Set.of("a:recorded:rate5m"), PromQl.metricNames("a:recorded:rate5m * 60"));
    }

    @Test
    void substitutesEveryVariableSyntax() {
        Map<String, String> values = Map.of("instance", ".*", "series", "s-1", "__rate_interval", "5s");
        assertEquals("rate(m{instance=~\".*\", series=\"s-1\"}[5s]) + n{series=\"s-1\"} + o{series=\"s-1\"}",
                PromQl.substitute("rate(m{instance=~\"$instance\", series=\"${series}\"}[$__rate_interval])"
                        + " + n{series=\"[[series]]\"} + o{series=\"${series:raw}\"}", values));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PromQl.substitute("m{a=\"$missing\"}", values));
        assertTrue(e.getMessage().contains("$missing"), e.getMessage());
    }

    @Test
    void readsLabelValuesQueries() {
        PromQl.LabelValues q = PromQl.labelValues("label_values(vigil_series_actual{instance=~\"$instance\"}, series)");
        assertEquals(new PromQl.LabelValues("vigil_series_actual{instance=~\"$instance\"}", "series"), q);
        assertEquals("count by (series) (vigil_series_actual{instance=~\"$instance\"})", q.asQuery());
        assertNull(PromQl.labelValues("query_result(up)"));
    }
}
