package dev.vigil.generator;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Produces one series' values in step order. The noise comes from the series' own random stream, one draw per
 * step whatever the anomalies, so a series generated without anomalies differs from the same series with them only
 * where an anomaly acts.
 */
public final class SeriesGenerator {

    private static final double DAY = Duration.ofDays(1).toMillis();

    private final GeneratorSpec spec;
    private final SeriesProfile profile;
    private final List<Anomaly> anomalies;
    private final SplittableRandom noise;
    private int step;

    SeriesGenerator(GeneratorSpec spec, SeriesProfile profile, List<Anomaly> anomalies, SplittableRandom noise) {
        this.spec = spec;
        this.profile = profile;
        this.anomalies = anomalies;
        this.noise = noise;
    }

    public SeriesProfile profile() {
        return profile;
    }

    /** Steps produced so far; the next {@link #next()} is for this step. */
    public int step() {
        return step;
    }

    /** The value of the next step, rounded to three decimals. */
    public double next() {
        if (step >= spec.steps()) {
            throw new IllegalStateException(profile.id() + " has all its " + spec.steps() + " steps already");
        }
        int t = step++;
        long ts = spec.timestamp(t);
        double noiseValue = profile.noise() * gaussian();
        double offsetSigmas = 0;
        boolean zero = false;
        for (Anomaly anomaly : anomalies) {
            if (anomaly.start() > t) {
                break;
            }
            offsetSigmas += anomaly.offsetAt(t);
            if (anomaly.covers(t)) {
                if (anomaly.kind() == AnomalyKind.VARIANCE) {
                    noiseValue *= anomaly.size();
                } else if (anomaly.kind() == AnomalyKind.DROPOUT) {
                    zero = true;
                }
            }
        }
        double value = zero ? 0
                : profile.clamp(profile.baseline(ts, t * spec.stepMillis() / DAY) + offsetSigmas * profile.noise()
                        + noiseValue);
        return Math.round(value * 1000) / 1000.0;
    }

    private double gaussian() {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        double u = 1 - noise.nextDouble();
        double v = noise.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
