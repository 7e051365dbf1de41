package dev.vigil.generator;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything a generated data set is made from; the same spec gives the same points and labels.
 *
 * @param series         number of series
 * @param steps          points per series
 * @param stepMillis     event-time spacing of the points
 * @param startMillis    event time of the first point (epoch ms)
 * @param seed           seed of every random choice
 * @param anomalies      which anomaly kinds are injected, and how often each relative to the others
 * @param anomalyRate    anomalies per series per day of event time, on average
 * @param warmUpSteps    no anomaly starts in a series' first {@code warmUpSteps} steps, so that a detector can learn
 *                       each series before it is tested
 * @param magnitude      multiplies every anomaly size (1 = the sizes documented in {@link AnomalyKind})
 */
public record GeneratorSpec(int series, int steps, long stepMillis, long startMillis, long seed,
                            AnomalyMix anomalies, double anomalyRate, int warmUpSteps, double magnitude) {

    public static final long DEFAULT_STEP_MILLIS = 60_000L;
    public static final double DEFAULT_ANOMALY_RATE = 1.0;
    public static final int DEFAULT_WARM_UP_STEPS = 240;

    public GeneratorSpec {
        Objects.requireNonNull(anomalies, "anomalies");
        require(series >= 1, "series", series, "at least 1");
        require(steps >= 1, "steps", steps, "at least 1");
        require(stepMillis >= 1, "step", stepMillis + " ms", "at least 1 ms");
        require(anomalyRate >= 0 && Double.isFinite(anomalyRate), "anomaly-rate", anomalyRate, "a number >= 0");
        require(warmUpSteps >= 0, "warm-up-steps", warmUpSteps, ">= 0");
        require(magnitude > 0 && Double.isFinite(magnitude), "magnitude", magnitude, "a number > 0");
        require(startMillis >= 0, "start", startMillis, "epoch milliseconds >= 0");
        require((Long.MAX_VALUE - startMillis) / stepMillis > steps, "steps", steps,
                "fewer, the last timestamp overflows");
    }

    /** A spec with the defaults: every anomaly kind, once per series per day, 240 clean steps first, size 1. */
    public static GeneratorSpec of(int series, int steps, long startMillis, long seed) {
        return new GeneratorSpec(series, steps, DEFAULT_STEP_MILLIS, startMillis, seed, AnomalyMix.ALL,
                DEFAULT_ANOMALY_RATE, DEFAULT_WARM_UP_STEPS, 1.0);
    }

    public GeneratorSpec withAnomalies(AnomalyMix mix) {
        return new GeneratorSpec(series, steps, stepMillis, startMillis, seed, mix, anomalyRate, warmUpSteps,
                magnitude);
    }

    public GeneratorSpec withAnomalyRate(double rate) {
        return new GeneratorSpec(series, steps, stepMillis, startMillis, seed, anomalies, rate, warmUpSteps,
                magnitude);
    }

    /** Event time of step {@code step}. */
    public long timestamp(int step) {
        return startMillis + step * stepMillis;
    }

    /** Points over all series. */
    public long points() {
        return (long) series * steps;
    }

    /** Steps in one day of event time (at least 1). */
    double stepsPerDay() {
        return Math.max(1.0, Duration.ofDays(1).toMillis() / (double) stepMillis);
    }

    private static void require(boolean ok, String what, Object found, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(what + ": found " + found + ", expected " + expected);
        }
    }
}
