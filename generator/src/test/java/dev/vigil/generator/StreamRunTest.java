package dev.vigil.generator;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.vigil.generator.Generated.MONDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sending step by step: labels follow their last point; a stopped run cuts the labels under way. */
class StreamRunTest {

    private static final GeneratorSpec SPEC = GeneratorSpec.of(6, 3000, MONDAY, 11).withAnomalyRate(4);

    /** Records what was sent, and checks that every label comes after its series' last labeled point. */
    private static final class Recorder implements MetricSink {
        final Map<String, Long> lastTs = new HashMap<>();
        final List<Label> labels = new ArrayList<>();
        long points;

        @Override
        public void point(String series, long ts, double value) {
            lastTs.put(series, ts);
            points++;
        }

        @Override
        public void label(Label label) {
            assertTrue(lastTs.getOrDefault(label.series(), Long.MIN_VALUE) >= label.end(),
                    "label sent after its last point: " + label);
            labels.add(label);
        }
    }

    @Test
    void aFullRunSendsEveryPointAndEveryLabel() {
        MetricGenerator generator = new MetricGenerator(SPEC);
        Recorder recorder = new Recorder();

        StreamRun.Result result = new StreamRun(generator, recorder, 0).run(() -> false);

        assertEquals(SPEC.points(), recorder.points);
        assertEquals(SPEC.points(), result.points());
        assertFalse(result.stoppedEarly());
        assertEquals(generator.labels().size(), result.labels());
        assertEquals(new java.util.HashSet<>(generator.labels()), new java.util.HashSet<>(recorder.labels));
        assertEquals(SPEC.timestamp(SPEC.steps() - 1), result.lastTs());
    }

    @Test
    void aStoppedRunCutsTheLabelsUnderWayAtEachSeriesLastPoint() {
        MetricGenerator generator = new MetricGenerator(SPEC);
        // stop in the middle of a step, inside some anomaly
        Label inside = generator.labels().stream().filter(l -> l.end() - l.start() >= 4 * SPEC.stepMillis())
                .findFirst().orElseThrow();
        int stopStep = (int) ((inside.start() - SPEC.startMillis()) / SPEC.stepMillis()) + 2;
        long stopAfter = (long) stopStep * SPEC.series() + 3;
        Recorder recorder = new Recorder();

        StreamRun.Result result = new StreamRun(generator, recorder, 0).run(() -> recorder.points >= stopAfter);

        assertTrue(result.stoppedEarly());
        assertEquals(stopAfter, result.points());
        for (Label label : recorder.labels) {
            assertTrue(label.end() <= recorder.lastTs.get(label.series()), "cut at the last point: " + label);
        }
        Label cut = recorder.labels.stream().filter(l -> l.series().equals(inside.series())
                && l.start() == inside.start()).findFirst().orElseThrow();
        assertEquals(recorder.lastTs.get(inside.series()), cut.end(), "the label under way ends at the last point");
        assertEquals(generator.labels().stream().filter(l -> l.start() <= recorder.lastTs.get(l.series())).count(),
                recorder.labels.size(), "every label that began is sent, none that did not");
    }

    @Test
    void theRateHoldsThePointsBack() {
        GeneratorSpec small = GeneratorSpec.of(10, 60, MONDAY, 1);
        long begin = System.nanoTime();
        StreamRun.Result result = new StreamRun(new MetricGenerator(small), new Recorder(), 1000).run(() -> false);
        double seconds = (System.nanoTime() - begin) / 1e9;

        assertEquals(600, result.points());
        assertTrue(seconds >= 0.55, "600 points at 1000/s take about 0.6 s, took " + seconds);
    }

    @Test
    void progressIsReportedAndEndsWithTheLastReport() {
        List<StreamRun.Snapshot> reports = new ArrayList<>();
        new StreamRun(new MetricGenerator(SPEC), new Recorder(), 0)
                .onProgress(java.time.Duration.ZERO, reports::add).run(() -> false);

        assertTrue(reports.size() > 2, "a report every 1024 points when asked for at once");
        StreamRun.Snapshot last = reports.get(reports.size() - 1);
        assertTrue(last.done());
        assertEquals(SPEC.points(), last.points());
        assertEquals(SPEC.points(), last.total());
    }
}
