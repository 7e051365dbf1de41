package dev.vigil.generator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static dev.vigil.generator.Generated.MONDAY;
import static dev.vigil.generator.Generated.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each kind changes a series as documented, and only where its label says (or from there on, for permanent kinds):
 * the series is compared with the same seed's series without anomalies, whose noise is the same.
 */
class AnomalyKindsTest {

    private static final int STEPS = 6000;
    private static final double ROUNDING = 0.0011;

    private static GeneratorSpec spec(AnomalyMix mix, double magnitude) {
        return new GeneratorSpec(12, STEPS, 60_000, MONDAY, 7, mix, 3, 240, magnitude);
    }

    @ParameterizedTest
    @EnumSource(AnomalyKind.class)
    void aKindChangesTheSeriesAsDocumentedAndOnlyWhereLabeled(AnomalyKind kind) {
        MetricGenerator anomalous = new MetricGenerator(spec(AnomalyMix.parse(kind.id()), 1));
        MetricGenerator clean = new MetricGenerator(spec(AnomalyMix.NONE, 1));
        int checked = 0;
        // latency, requests and queue series: never clamped at the top, so every offset shows in full
        for (int i = 0; i < 12; i++) {
            if (anomalous.profiles().get(i).archetype() == Archetype.CPU) {
                continue;
            }
            List<Anomaly> anomalies = anomalous.anomalies(i);
            double[] a = values(anomalous, i);
            double[] c = values(clean, i);
            SeriesProfile profile = anomalous.profiles().get(i);
            for (Anomaly anomaly : anomalies) {
                assertEquals(kind, anomaly.kind());
                assertTrue(anomaly.steps() >= kind.minSteps() && anomaly.steps() <= kind.maxSteps(), "" + anomaly);
                checked++;
            }
            for (int t = 0; t < STEPS; t++) {
                int step = t;
                Anomaly covering = anomalies.stream().filter(x -> x.covers(step)).findFirst().orElse(null);
                double expectedOffset = anomalies.stream().mapToDouble(x -> x.offsetAt(step)).sum() * profile.noise();
                String where = profile.id() + " step " + t + " (" + covering + ")";
                switch (kind) {
                    case SPIKE, LEVEL_SHIFT, DRIFT -> assertEquals(expectedOffset, a[t] - c[t], ROUNDING, where);
                    case DROPOUT -> assertEquals(covering != null ? 0 : c[t], a[t], where);
                    case VARIANCE -> {
                        double baseline = profile.baseline(anomalous.spec().timestamp(t), t / 1440.0);
                        double factor = covering != null ? covering.size() : 1;
                        if (a[t] > profile.min()) { // not clamped at 0
                            assertEquals(factor * (c[t] - baseline), a[t] - baseline, factor * ROUNDING, where);
                        }
                    }
                    default -> throw new AssertionError(kind);
                }
                if (covering == null && !kind.permanent()) {
                    assertEquals(c[t], a[t], "unlabeled steps are untouched: " + where);
                }
                if (anomalies.isEmpty() || t < anomalies.get(0).start()) {
                    assertEquals(c[t], a[t], "nothing changes before the first label: " + where);
                }
            }
        }
        assertTrue(checked >= 5, "enough " + kind + " anomalies to check: " + checked);
    }

    @Test
    void sizesAreInTheDocumentedRangeAndScaleWithTheMagnitude() {
        for (AnomalyKind kind : List.of(AnomalyKind.SPIKE, AnomalyKind.LEVEL_SHIFT, AnomalyKind.DRIFT)) {
            for (double magnitude : new double[] {1, 0.5}) {
                MetricGenerator generator = new MetricGenerator(spec(AnomalyMix.parse(kind.id()), magnitude));
                for (int i = 0; i < 12; i++) {
                    for (Anomaly a : generator.anomalies(i)) {
                        double size = Math.abs(a.size());
                        assertTrue(size >= kind.minSize() * magnitude && size <= kind.maxSize() * magnitude,
                                kind + " x" + magnitude + ": " + a);
                        if (kind == AnomalyKind.SPIKE) {
                            assertTrue(a.size() > 0, "spikes go up: " + a);
                        }
                    }
                }
            }
        }
        MetricGenerator variance = new MetricGenerator(spec(AnomalyMix.parse("variance"), 1));
        for (int i = 0; i < 12; i++) {
            SeriesProfile profile = variance.profiles().get(i);
            double cap = AnomalyPlanner.MAX_NOISY_FRACTION * profile.level() / profile.noise();
            for (Anomaly a : variance.anomalies(i)) {
                assertTrue(a.size() >= Math.min(AnomalyKind.VARIANCE.minSize(), cap)
                        && a.size() <= Math.min(AnomalyKind.VARIANCE.maxSize(), cap), a + ", cap " + cap);
            }
        }
    }

    @Test
    void permanentChangesGoBothWays() {
        MetricGenerator generator = new MetricGenerator(spec(AnomalyMix.parse("level-shift,drift"), 1));
        long up = 0;
        long down = 0;
        for (int i = 0; i < 12; i++) {
            for (Anomaly a : generator.anomalies(i)) {
                if (a.size() > 0) {
                    up++;
                } else {
                    down++;
                }
            }
        }
        assertTrue(up > 0 && down > 0, up + " up, " + down + " down");
    }

    @Test
    void labelsAreTheInjectedRangesAfterTheWarmUpAndApart() {
        MetricGenerator generator = new MetricGenerator(spec(AnomalyMix.ALL, 1));
        GeneratorSpec spec = generator.spec();
        for (int i = 0; i < 12; i++) {
            List<Anomaly> anomalies = generator.anomalies(i);
            List<Label> labels = generator.labels(i);
            assertEquals(anomalies.size(), labels.size());
            for (int k = 0; k < anomalies.size(); k++) {
                Anomaly a = anomalies.get(k);
                Label label = labels.get(k);
                assertEquals(new Label(generator.profiles().get(i).id(), spec.timestamp(a.start()),
                        spec.timestamp(a.end()), a.kind()), label);
                assertTrue(a.start() >= spec.warmUpSteps(), "after the warm-up: " + a);
                assertTrue(a.end() < STEPS, "inside the series: " + a);
                if (k > 0) {
                    assertTrue(a.start() - anomalies.get(k - 1).end() > AnomalyPlanner.MIN_GAP_STEPS,
                            "apart: " + anomalies.get(k - 1) + " then " + a);
                }
            }
        }
    }

    @Test
    void theRateSetsHowManyAnomaliesThereAre() {
        GeneratorSpec spec = new GeneratorSpec(100, 14_400, 60_000, MONDAY, 3, AnomalyMix.ALL, 1, 240, 1);
        int labels = new MetricGenerator(spec).labels().size();
        double perSeriesPerDay = labels / 100.0 / 10;
        // the spacing (at least 120 steps) and the durations take a little of each day
        assertTrue(perSeriesPerDay > 0.75 && perSeriesPerDay <= 1.0, "per series per day: " + perSeriesPerDay);
        assertTrue(new MetricGenerator(spec.withAnomalyRate(0)).labels().isEmpty(), "rate 0: no anomalies");
        assertTrue(new MetricGenerator(spec.withAnomalies(AnomalyMix.NONE)).labels().isEmpty(), "mix none");
    }

    @Test
    void dropoutsKeepSendingPointsAtZero() {
        MetricGenerator generator = new MetricGenerator(spec(AnomalyMix.parse("dropout"), 1));
        Anomaly dropout = generator.anomalies(2).get(0);
        double[] values = values(generator, 2);
        assertEquals(STEPS, values.length, "no point is missing");
        for (int t = dropout.start(); t <= dropout.end(); t++) {
            assertEquals(0.0, values[t]);
        }
        assertFalse(values[dropout.end() + 1] == 0.0, "back after the dropout");
    }
}
