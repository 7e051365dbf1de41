package dev.vigil.demo.report;

import dev.vigil.demo.watch.Tally;
import dev.vigil.generator.AnomalyKind;
import dev.vigil.generator.Label;
import dev.vigil.streamer.evaluation.EventCounts;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.vigil.demo.report.EvaluationTest.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The console lines people read while the demo runs. */
class SummaryFormatTest {

    /** Tuesday 2026-01-06 13:51 UTC. */
    private static final long TUE_1351 = 1_767_707_460_000L;
    private static final long MIN = 60_000;

    @Test
    void theProgressLineSaysWhatWasSentScoredAndRaised() {
        Tally tally = new Tally(130_000, 9_600, 210, 3, Map.of("late-timestamp", 3L), TUE_1351, 23, 16);

        assertEquals("[1:05] sent 124,000/576,000 (4,960/s)  scored 120,400 (4,900/s)  warming up 9,600  dead letters "
                        + "3  event time Tue 13:51  anomalies: 7 open, 23 opened, 16 resolved",
                SummaryFormat.progress(Duration.ofSeconds(65), 124_000, 576_000, 4960.2, tally, 4899.7));
        assertEquals("[0:00] sent 0/10 (0/s)  scored 0 (0/s)  warming up 0  dead letters 0  event time -  anomalies: 0 "
                + "open, 0 opened, 0 resolved", SummaryFormat.progress(Duration.ZERO, 0, 10, 0, Tally.EMPTY, 0));
    }

    @Test
    void anomalyLinesNameTheSeriesTheTimeAndWhatWasInjected() {
        Label shift = new Label("latency-013", TUE_1351 - 2 * MIN, TUE_1351 + 28 * MIN, AnomalyKind.LEVEL_SHIFT);

        assertEquals("    OPENED   latency-013    MAJOR     since Tue 13:51        level-shift injected at Tue 13:49",
                SummaryFormat.event(event("OPENED", "latency-013", TUE_1351 + 2 * MIN, TUE_1351), shift));
        assertEquals("    RESOLVED latency-013    Tue 13:51 to 14:12 (21 min)      level-shift injected at Tue 13:49",
                SummaryFormat.event(event("RESOLVED", "latency-013", TUE_1351 + 21 * MIN, TUE_1351), shift));
        assertEquals("    OPENED   queue-047      MAJOR     since Tue 13:51        no injected anomaly here: a false "
                + "alarm so far", SummaryFormat.event(event("OPENED", "queue-047", TUE_1351, TUE_1351), null));
        assertNull(SummaryFormat.event(event("UPDATED", "queue-047", TUE_1351, TUE_1351), null));
    }

    @Test
    void theEvaluationIsATableByKind() {
        Evaluation evaluation = new Evaluation(new EventCounts(9, 1, 3),
                new java.util.TreeMap<>(Map.of("drift", new EventCounts(4, 0, 2), "spike", new EventCounts(5, 0, 1))),
                Map.of("drift", List.of(7 * MIN, 12 * MIN, 3 * MIN), "spike", List.of(0L)), 11);

        assertEquals(List.of(
                "Detection against the generator's 12 labels (a label is found when an anomaly overlaps it):",
                "  precision 0.90   recall 0.75   F1 0.82   (9 found, 3 missed, 1 false alarms among 11 anomalies)",
                "  kind          labels   found  recall   median delay",
                "  drift              6       4    0.67          7 min",
                "  spike              6       5    0.83          0 min"), SummaryFormat.evaluation(evaluation));
    }

    @Test
    void spansAndClocksAreShort() {
        assertEquals("1 min", SummaryFormat.span(60_000));
        assertEquals("3 d", SummaryFormat.span(3 * 86_400_000L));
        assertEquals("12 h", SummaryFormat.span(12 * 3_600_000L));
        assertEquals("90 s", SummaryFormat.span(90_000));
        assertEquals("2:05", SummaryFormat.clock(Duration.ofSeconds(125)));
        assertEquals("2.5 h", SummaryFormat.minutes(150 * MIN));
        assertEquals("21 min", SummaryFormat.minutes(21 * MIN));
    }
}
