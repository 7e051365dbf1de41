package dev.vigil.generator;

/** Helpers of the generator's tests: whole series as arrays. */
final class Generated {

    /** 2026-01-05T00:00:00Z, a Monday. */
    static final long MONDAY = 1_767_571_200_000L;

    private Generated() {
    }

    static double[] values(MetricGenerator generator, int series) {
        SeriesGenerator one = generator.series(series);
        double[] values = new double[generator.spec().steps()];
        for (int t = 0; t < values.length; t++) {
            values[t] = one.next();
        }
        return values;
    }

    /** Index of the first series of an archetype whose values are never clamped (not cpu). */
    static int firstOf(Archetype archetype) {
        return archetype.ordinal();
    }
}
