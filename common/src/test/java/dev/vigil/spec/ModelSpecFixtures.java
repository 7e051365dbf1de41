package dev.vigil.spec;

import java.util.List;

/**
 * A fully populated spec that passes validation, and a builder to break one field of it at a time.
 *
 * <p>Features {@code [cpu, mem, latency]}, targets {@code [latency, cpu]} (a subset in another order), W = 16,
 * H = 3, three quantiles: thresholds are {@code [3][3][2]}.
 */
final class ModelSpecFixtures {

    static final List<String> FEATURES = List.of("cpu", "mem", "latency");
    static final List<String> TARGETS = List.of("latency", "cpu");
    static final int WINDOW = 16;
    static final int HORIZON = 3;
    static final List<Double> QUANTILES = List.of(0.95, 0.99, 0.999);

    private ModelSpecFixtures() {
    }

    static ModelSpec valid() {
        return builder().build();
    }

    static Builder builder() {
        return new Builder();
    }

    /** {@code absError[q][h][t] = (q + 1) + h / 10 + t / 100}: every cell distinct, ascending in q. */
    static double[][][] absError(int quantiles, int horizon, int targets) {
        double[][][] a = new double[quantiles][horizon][targets];
        for (int q = 0; q < quantiles; q++) {
            for (int h = 0; h < horizon; h++) {
                for (int t = 0; t < targets; t++) {
                    a[q][h][t] = (q + 1) + h / 10.0 + t / 100.0;
                }
            }
        }
        return a;
    }

    static Provenance provenance() {
        TrainingData data = new TrainingData("kafka:metrics", 12, 86_400L, 1_767_225_600_000L,
                1_767_311_940_000L, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        Hyperparameters hp = new Hyperparameters(2, 64, 0.1, 128, 0.001, 50, 5, 1.0, 10_000, 42L);
        ForecastMetrics metrics = new ForecastMetrics(4_321L,
                List.of(new StepMetrics(1, 0.04, 0.2, 0.15), new StepMetrics(2, 0.09, 0.3, 0.22),
                        new StepMetrics(3, 0.16, 0.4, 0.31)),
                List.of(new StepMetrics(1, 0.25, 0.5, 0.4), new StepMetrics(2, 0.36, 0.6, 0.5),
                        new StepMetrics(3, 0.49, 0.7, 0.6)),
                24,
                List.of(new StepMetrics(1, 0.64, 0.8, 0.7), new StepMetrics(2, 0.81, 0.9, 0.75),
                        new StepMetrics(3, 1.0, 1.0, 0.8)));
        return new Provenance("0.1.0", "537ac11", "2026-01-02T03:04:05Z", data, hp, 17, 12, metrics);
    }

    /** Starts from the valid spec; each setter replaces one field. */
    static final class Builder {
        private int formatVersion = ModelSpec.FORMAT_VERSION;
        private List<String> features = FEATURES;
        private List<String> targets = TARGETS;
        private int windowSize = WINDOW;
        private int horizon = HORIZON;
        private long stepMillis = 60_000L;
        private Scaling scaling = Scaling.defaults();
        private Thresholds thresholds = new Thresholds(QUANTILES,
                absError(QUANTILES.size(), HORIZON, TARGETS.size()), 9_000L);
        private Provenance provenance = ModelSpecFixtures.provenance();

        Builder formatVersion(int v) {
            formatVersion = v;
            return this;
        }

        Builder features(List<String> v) {
            features = v;
            return this;
        }

        Builder targets(List<String> v) {
            targets = v;
            return this;
        }

        Builder windowSize(int v) {
            windowSize = v;
            return this;
        }

        Builder horizon(int v) {
            horizon = v;
            return this;
        }

        Builder stepMillis(long v) {
            stepMillis = v;
            return this;
        }

        Builder scaling(Scaling v) {
            scaling = v;
            return this;
        }

        Builder thresholds(List<Double> quantiles, double[][][] absError) {
            thresholds = new Thresholds(quantiles, absError, 9_000L);
            return this;
        }

        Builder thresholds(Thresholds v) {
            thresholds = v;
            return this;
        }

        Builder provenance(Provenance v) {
            provenance = v;
            return this;
        }

        ModelSpec build() {
            return new ModelSpec(formatVersion, features, targets, windowSize, horizon, stepMillis, scaling,
                    thresholds, provenance);
        }
    }
}
