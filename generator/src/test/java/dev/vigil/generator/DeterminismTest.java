package dev.vigil.generator;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.vigil.generator.Generated.MONDAY;
import static dev.vigil.generator.Generated.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same seed gives the same data set, whatever the output order and the number of series. */
class DeterminismTest {

    private static final GeneratorSpec SPEC = GeneratorSpec.of(12, 2000, MONDAY, 42).withAnomalyRate(3);

    @Test
    void theSameSpecGivesTheSameValuesAndLabels() {
        MetricGenerator a = new MetricGenerator(SPEC);
        MetricGenerator b = new MetricGenerator(SPEC);

        assertEquals(a.labels(), b.labels());
        assertFalse(a.labels().isEmpty(), "the spec injects anomalies");
        for (int i = 0; i < SPEC.series(); i++) {
            assertArrayEquals(values(a, i), values(b, i), "series " + i);
        }
        assertArrayEquals(values(a, 3), values(a, 3), "a fresh series generator starts over");
    }

    @Test
    void anotherSeedGivesOtherValues() {
        MetricGenerator a = new MetricGenerator(SPEC);
        MetricGenerator b = new MetricGenerator(new GeneratorSpec(12, 2000, 60_000, MONDAY, 43, AnomalyMix.ALL, 3,
                240, 1));

        assertNotEquals(a.labels(), b.labels());
        assertFalse(java.util.Arrays.equals(values(a, 0), values(b, 0)));
    }

    @Test
    void aSeriesDoesNotChangeWhenMoreSeriesAreAskedFor() {
        MetricGenerator few = new MetricGenerator(SPEC);
        MetricGenerator more = new MetricGenerator(new GeneratorSpec(30, 2000, 60_000, MONDAY, 42, AnomalyMix.ALL, 3,
                240, 1));

        for (int i = 0; i < SPEC.series(); i++) {
            assertEquals(few.profiles().get(i), more.profiles().get(i));
            assertArrayEquals(values(few, i), values(more, i), "series " + i);
            assertEquals(few.labels(i), more.labels(i));
        }
    }

    @Test
    void sendingStepByStepGivesTheSameValuesAsSeriesBySeries() {
        MetricGenerator generator = new MetricGenerator(SPEC);
        List<List<Double>> streamed = new ArrayList<>();
        for (int i = 0; i < SPEC.series(); i++) {
            streamed.add(new ArrayList<>());
        }
        List<String> order = new ArrayList<>();
        new StreamRun(generator, new MetricSink() {
            @Override
            public void point(String series, long ts, double value) {
                int index = Integer.parseInt(series.substring(series.indexOf('-') + 1));
                assertEquals(SPEC.timestamp(streamed.get(index).size()), ts, "timestamps follow the steps");
                streamed.get(index).add(value);
                order.add(series);
            }

            @Override
            public void label(Label label) {
            }
        }, 0).run(() -> false);

        for (int i = 0; i < SPEC.series(); i++) {
            double[] expected = values(generator, i);
            assertEquals(expected.length, streamed.get(i).size());
            for (int t = 0; t < expected.length; t++) {
                assertEquals(expected[t], streamed.get(i).get(t), "series " + i + " step " + t);
            }
        }
        assertEquals(generator.profiles().get(0).id(), order.get(0));
        assertEquals(generator.profiles().get(0).id(), order.get(SPEC.series()), "every series, then the next step");
    }

    @Test
    void seriesAreNamedByArchetypeAndIndexAndMixTheArchetypes() {
        MetricGenerator generator = new MetricGenerator(SPEC);

        assertEquals(List.of("cpu-000", "latency-001", "requests-002", "queue-003", "cpu-004"),
                generator.profiles().stream().limit(5).map(SeriesProfile::id).toList());
        double minLevel = generator.profiles().stream().mapToDouble(SeriesProfile::level).min().orElseThrow();
        double maxLevel = generator.profiles().stream().mapToDouble(SeriesProfile::level).max().orElseThrow();
        assertTrue(maxLevel / minLevel > 10, "levels differ by more than an order of magnitude: " + minLevel + " to "
                + maxLevel);
    }
}
