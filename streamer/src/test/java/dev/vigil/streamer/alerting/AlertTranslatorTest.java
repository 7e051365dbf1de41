package dev.vigil.streamer.alerting;

import dev.vigil.streamer.output.AnomalyEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Anomaly event to Alertmanager alert: labels, annotations, start and end. */
class AlertTranslatorTest {

    static final long OPENED = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();
    static final Instant NOW = Instant.parse("2026-03-01T10:30:00Z");

    private final AlertTranslator translator =
            new AlertTranslator("https://grafana.example/d/vigil?var-series={series}");

    @Test
    void openedEventFiresWithReservedLabelsSeriesLabelsAndAnnotations() {
        Alert alert = translator.translate(Events.opened("web-1/cpu", OPENED, Map.of("host", "web-1", "dc", "eu")),
                NOW);

        assertEquals(Map.of("alertname", "VigilAnomaly", "series", "web-1/cpu", "severity", "minor",
                "vigil_event_id", "web-1/cpu:" + OPENED, "host", "web-1", "dc", "eu"), alert.labels());
        Map<String, String> a = alert.annotations();
        assertEquals("web-1/cpu: value at 97.25, expected 41.5", a.get("summary"));
        assertEquals("value", a.get("feature"));
        assertEquals("97.25", a.get("actual"));
        assertEquals("41.5", a.get("expected"));
        assertEquals("value at 97.25, expected 41.5; rate at 3, expected 2.5", a.get("deviations"));
        assertEquals("0.75", a.get("score"));
        assertEquals("0.8", a.get("peak_score"));
        assertEquals("1.5", a.get("threshold"));
        assertEquals("2026-03-01T10:00:00Z", a.get("opened_at"));
        assertEquals(Events.MODEL, a.get("model_version"));
        assertEquals("https://grafana.example/d/vigil?var-series=web-1%2Fcpu", a.get("dashboard"));
        assertEquals(a.get("dashboard"), alert.generatorUrl());
        assertEquals(Instant.ofEpochMilli(OPENED), alert.startsAt());
        assertTrue(alert.firing(), "endsAt is left to each post");
    }

    @Test
    void resolvedEventEndsAtItsStep() {
        long ts = OPENED + 600_000;
        Alert alert = translator.translate(Events.resolved("s", "MAJOR", OPENED, ts, Map.of()), NOW);

        assertFalse(alert.firing());
        assertEquals("major", alert.labels().get("severity"));
        assertEquals(Instant.ofEpochMilli(ts), alert.endsAt());
    }

    @Test
    void timesAfterNowAreCappedAtNowSoAResolvedAlertIsOverWhenPosted() {
        long future = NOW.toEpochMilli() + 3_600_000;
        Alert alert = translator.translate(Events.resolved("s", "MINOR", future, future + 60_000, Map.of()), NOW);

        assertEquals(NOW, alert.startsAt());
        assertEquals(NOW, alert.endsAt());
    }

    @Test
    void seriesLabelsGetValidNamesAndNeverOverrideReservedOnes() {
        Map<String, String> labels = Map.of("k8s.pod-name", "p", "9lives", "cat", "severity", "page",
                "alertname", "x", "empty", "", "ok_Name1", "v");

        Map<String, String> out = translator.translate(Events.opened("s", OPENED, labels), NOW).labels();

        assertEquals("p", out.get("k8s_pod_name"));
        assertEquals("cat", out.get("_9lives"));
        assertEquals("minor", out.get("severity"));
        assertEquals("page", out.get("exported_severity"));
        assertEquals("VigilAnomaly", out.get("alertname"));
        assertEquals("x", out.get("exported_alertname"));
        assertEquals("v", out.get("ok_Name1"));
        assertFalse(out.containsKey("empty"), "empty values are no labels");
        out.keySet().forEach(name -> assertTrue(name.matches("[a-zA-Z_][a-zA-Z0-9_]*"), name));
    }

    @Test
    void withoutDeviationsOrDashboardTheSummaryFallsBackToTheScore() {
        AnomalyEvent event = new AnomalyEvent("s:1", "OPENED", "s", "CRITICAL", 1, 1, 0.912345678, 0.95, 2.0,
                null, List.of(), null);

        Alert alert = new AlertTranslator("").translate(event, NOW);

        assertEquals("s: anomaly score 0.912346", alert.annotations().get("summary"));
        assertFalse(alert.annotations().containsKey("dashboard"));
        assertFalse(alert.annotations().containsKey("model_version"));
        assertNull(alert.generatorUrl());
        assertEquals("critical", alert.labels().get("severity"));
    }

    @Test
    void numbersKeepSixSignificantDigitsWithoutExponent() {
        assertEquals("123457", AlertTranslator.number(123456.7));
        assertEquals("0.000123457", AlertTranslator.number(0.0001234567));
        assertEquals("-2", AlertTranslator.number(-2.0));
        assertEquals("0", AlertTranslator.number(0.0));
        assertEquals("NaN", AlertTranslator.number(Double.NaN));
    }

    @Test
    void eventsWithoutIdSeriesSeverityOrAKnownTypeAreRefused() {
        AnomalyEvent noId = new AnomalyEvent(null, "OPENED", "s", "MINOR", 1, 1, 0, 0, 1, null, null, null);
        AnomalyEvent badType = new AnomalyEvent("s:1", "CLOSED", "s", "MINOR", 1, 1, 0, 0, 1, null, null, null);

        assertThrows(IllegalArgumentException.class, () -> translator.translate(noId, NOW));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> translator.translate(badType, NOW));
        assertEquals("unknown event type 'CLOSED'", e.getMessage());
    }
}
