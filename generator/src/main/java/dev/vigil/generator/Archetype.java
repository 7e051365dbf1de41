package dev.vigil.generator;

import java.util.SplittableRandom;

/**
 * Kinds of metric the generator imitates. Each draws its own level, daily swing, weekend dip, trend and noise for
 * every series, so no two series share a magnitude: levels span two orders within a kind and four across kinds.
 */
public enum Archetype {

    /** CPU utilisation in percent: 10-40 % at night, a daytime bump, a deep weekend dip, bounded to [0, 100]. */
    CPU("cpu", "%") {
        @Override
        SeriesProfile sample(String id, SplittableRandom r) {
            double level = r.nextDouble(10, 40);
            double amplitude = Math.min(level * r.nextDouble(0.5, 1.5), 85 - level);
            return new SeriesProfile(id, this, level, amplitude, r.nextDouble(10, 18), r.nextDouble(0.3, 0.6),
                    level * r.nextDouble(-0.02, 0.02), level * r.nextDouble(0.02, 0.04), 0, 100);
        }
    },
    /** Request latency in milliseconds: 20-400 ms, slower under daytime load, a little slower week after week. */
    LATENCY("latency", "ms") {
        @Override
        SeriesProfile sample(String id, SplittableRandom r) {
            double level = logUniform(r, 20, 400);
            return new SeriesProfile(id, this, level, level * r.nextDouble(0.2, 0.6), r.nextDouble(10, 18),
                    r.nextDouble(0, 0.3), level * r.nextDouble(-0.01, 0.03), level * r.nextDouble(0.03, 0.05), 0,
                    Double.POSITIVE_INFINITY);
        }
    },
    /** Request rate per second: 20-2,000 at night, two to four times that by day, much less on weekends. */
    REQUESTS("requests", "req/s") {
        @Override
        SeriesProfile sample(String id, SplittableRandom r) {
            double level = logUniform(r, 20, 2000);
            return new SeriesProfile(id, this, level, level * r.nextDouble(1, 3), r.nextDouble(11, 17),
                    r.nextDouble(0.3, 0.6), level * r.nextDouble(-0.01, 0.03), level * r.nextDouble(0.02, 0.04), 0,
                    Double.POSITIVE_INFINITY);
        }
    },
    /** Queue depth in messages: 50-5,000 waiting, more while producers are busy by day. */
    QUEUE("queue", "messages") {
        @Override
        SeriesProfile sample(String id, SplittableRandom r) {
            double level = logUniform(r, 50, 5000);
            return new SeriesProfile(id, this, level, level * r.nextDouble(0.3, 1.0), r.nextDouble(9, 19),
                    r.nextDouble(0.1, 0.4), level * r.nextDouble(-0.02, 0.02), level * r.nextDouble(0.04, 0.06), 0,
                    Double.POSITIVE_INFINITY);
        }
    };

    private final String id;
    private final String unit;

    Archetype(String id, String unit) {
        this.id = id;
        this.unit = unit;
    }

    /** Prefix of the series ids, e.g. {@code cpu} in {@code cpu-007}. */
    public String id() {
        return id;
    }

    public String unit() {
        return unit;
    }

    /** Draws one series' shape. */
    abstract SeriesProfile sample(String id, SplittableRandom random);

    /** The archetype of series number {@code index}: the kinds take turns, so every mix of series is balanced. */
    static Archetype forSeries(int index) {
        return values()[index % values().length];
    }

    private static double logUniform(SplittableRandom r, double min, double max) {
        return Math.exp(r.nextDouble(Math.log(min), Math.log(max)));
    }
}
