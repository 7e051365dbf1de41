package dev.vigil.demo.report;

import dev.vigil.generator.AnomalyKind;
import dev.vigil.generator.Label;
import dev.vigil.streamer.evaluation.EventCounts;
import dev.vigil.streamer.output.AnomalyEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The demo's score: anomaly events turned into ranges and matched with the generator's labels. */
class EvaluationTest {

    private static final long MIN = 60_000;

    static AnomalyEvent event(String type, String series, long ts, long openedAt) {
        return new AnomalyEvent(series + ":" + openedAt, type, series, "MAJOR", ts, openedAt, 0.8, 0.9, 1.0, null,
                null, "v1");
    }

    @Test
    void anAnomalyFromOpenedAtToResolvedFindsTheLabelsItOverlaps() {
        List<Label> labels = List.of(
                new Label("cpu-000", 100 * MIN, 104 * MIN, AnomalyKind.SPIKE),
                new Label("cpu-000", 400 * MIN, 430 * MIN, AnomalyKind.DRIFT),
                new Label("queue-003", 200 * MIN, 229 * MIN, AnomalyKind.LEVEL_SHIFT));
        List<AnomalyEvent> events = List.of(
                // opens 2 steps after its first anomalous step, resolves after the spike: found, no delay
                event("OPENED", "cpu-000", 102 * MIN, 100 * MIN),
                event("UPDATED", "cpu-000", 103 * MIN, 100 * MIN),
                event("RESOLVED", "cpu-000", 110 * MIN, 100 * MIN),
                // the drift is found 12 minutes in
                event("OPENED", "cpu-000", 414 * MIN, 412 * MIN),
                event("RESOLVED", "cpu-000", 425 * MIN, 412 * MIN),
                // an anomaly on a series without labels: a false alarm
                event("OPENED", "latency-001", 302 * MIN, 300 * MIN),
                event("RESOLVED", "latency-001", 309 * MIN, 300 * MIN));

        Evaluation evaluation = Evaluation.of(labels, events, 1000 * MIN);

        assertEquals(new EventCounts(2, 1, 1), evaluation.total(), "2 found, 1 false alarm, queue-003 missed");
        assertEquals(3, evaluation.anomalies());
        assertEquals(3, evaluation.labels());
        assertEquals(new EventCounts(1, 0, 0), evaluation.byKind().get("spike"));
        assertEquals(new EventCounts(1, 0, 0), evaluation.byKind().get("drift"));
        assertEquals(new EventCounts(0, 0, 1), evaluation.byKind().get("level-shift"));
        assertEquals(0, evaluation.medianDelay("spike"));
        assertEquals(12 * MIN, evaluation.medianDelay("drift"));
        assertEquals(-1, evaluation.medianDelay("level-shift"), "nothing found, no delay");
    }

    @Test
    void anAnomalyStillOpenAtTheEndLastsToTheEndOfTheData() {
        List<Label> labels = List.of(new Label("cpu-000", 900 * MIN, 920 * MIN, AnomalyKind.LEVEL_SHIFT));
        List<AnomalyEvent> events = List.of(event("OPENED", "cpu-000", 890 * MIN, 880 * MIN));

        Evaluation evaluation = Evaluation.of(labels, events, 1000 * MIN);

        assertEquals(new EventCounts(1, 0, 0), evaluation.total(), "open from 880 to the end, so it covers 900");
    }

    @Test
    void noLabelsAndNoAnomaliesIsAPerfectScore() {
        Evaluation evaluation = Evaluation.of(List.of(), List.of(), 1000);
        assertEquals(EventCounts.ZERO, evaluation.total());
        assertEquals(1.0, evaluation.total().precision());
        assertEquals(1.0, evaluation.total().recall());
    }
}
