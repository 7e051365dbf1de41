package dev.vigil.trainer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seasonal synthetic metrics for demos, tests and benchmarks: each series has its own level (from 0.1 to 10,000),
 * amplitude, phase and a slow trend, a daily-like cycle of {@code period} steps with a second harmonic, and
 * Gaussian noise. Magnitudes differ by five orders so that scaling is exercised.
 *
 * @param seriesCount   number of series
 * @param steps         steps per series
 * @param period        steps per seasonal cycle
 * @param noiseFraction noise standard deviation relative to the seasonal amplitude
 * @param stepMillis    spacing of the timestamps
 * @param seed          the same seed gives the same history
 * @param flagged       adds an input-only feature {@value #FLAG_FEATURE}: a 0/1 switch (think maintenance mode)
 *                      that raises the value by half the amplitude while it is on
 */
public record SyntheticHistory(int seriesCount, int steps, int period, double noiseFraction, long stepMillis,
                               long seed, boolean flagged) {

    public static final String VALUE_FEATURE = "value";
    public static final String FLAG_FEATURE = "flag";

    /** Chance per step that the flag switches. */
    static final double FLAG_SWITCH_PROBABILITY = 0.01;

    /** First timestamp: 2026-01-01T00:00:00Z. */
    public static final long START_MILLIS = 1_767_225_600_000L;

    public static SyntheticHistory of(int seriesCount, int steps, long seed) {
        return new SyntheticHistory(seriesCount, steps, 24, 0.1, 60_000L, seed, false);
    }

    public SyntheticHistory withFlag() {
        return new SyntheticHistory(seriesCount, steps, period, noiseFraction, stepMillis, seed, true);
    }

    public List<String> features() {
        return flagged ? List.of(VALUE_FEATURE, FLAG_FEATURE) : List.of(VALUE_FEATURE);
    }

    public History generate() {
        SplittableRandom random = new SplittableRandom(seed);
        List<Series> series = new ArrayList<>(seriesCount);
        for (int s = 0; s < seriesCount; s++) {
            series.add(generateOne(String.format("synthetic-%03d", s), random.split()));
        }
        return new History("synthetic:" + seriesCount + "x" + steps + ":period=" + period + ":seed=" + seed + (flagged ? ":flag" : ""),
                features(), series, stepMillis);
    }

    private Series generateOne(String id, SplittableRandom random) {
        double level = Math.pow(10, random.nextDouble(-1, 4));
        double amplitude = level * random.nextDouble(0.1, 0.5);
        double harmonic = amplitude * random.nextDouble(0.1, 0.4);
        double phase = random.nextDouble(0, 2 * Math.PI);
        double trendPerStep = amplitude * random.nextDouble(-0.5, 0.5) / steps;
        double noise = amplitude * noiseFraction;
        int features = flagged ? 2 : 1;
        long[] timestamps = new long[steps];
        double[] values = new double[steps * features];
        boolean flag = false;
        for (int t = 0; t < steps; t++) {
            double angle = 2 * Math.PI * t / period + phase;
            timestamps[t] = START_MILLIS + t * stepMillis;
            double value = level + trendPerStep * t + amplitude * Math.sin(angle) + harmonic * Math.sin(2 * angle)
                    + noise * gaussian(random);
            if (flagged) {
                flag ^= random.nextDouble() < FLAG_SWITCH_PROBABILITY;
                values[t * features + 1] = flag ? 1 : 0;
                value += flag ? amplitude / 2 : 0;
            }
            values[t * features] = value;
        }
        return new Series(id, timestamps, values, features);
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
