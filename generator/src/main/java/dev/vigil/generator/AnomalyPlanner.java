package dev.vigil.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Places a series' anomalies: the first after the warm-up, then at exponentially distributed gaps whose mean gives
 * {@link GeneratorSpec#anomalyRate()} per day, never closer than {@value #MIN_GAP_STEPS} steps to the previous
 * label's end, and only where the whole label fits in the series. Permanent changes (level shift, drift) turn
 * around when they would take the series' level below a third of where it started or past its bounds.
 */
final class AnomalyPlanner {

    /** Quiet steps between one label's end and the next label's start. */
    static final int MIN_GAP_STEPS = 120;
    /** The noise of a variance anomaly stays below this fraction of the level, so values seldom reach 0. */
    static final double MAX_NOISY_FRACTION = 0.4;

    private AnomalyPlanner() {
    }

    static List<Anomaly> plan(GeneratorSpec spec, SeriesProfile profile, SplittableRandom random) {
        List<Anomaly> anomalies = new ArrayList<>();
        if (spec.anomalies().isEmpty() || spec.anomalyRate() == 0) {
            return anomalies;
        }
        double meanGap = spec.stepsPerDay() / spec.anomalyRate();
        double permanentOffset = 0;
        long cursor = spec.warmUpSteps();
        while (true) {
            long start = cursor + Math.round(-meanGap * Math.log(1 - random.nextDouble()));
            AnomalyKind kind = spec.anomalies().draw(random);
            int steps = kind.minSteps() + random.nextInt(kind.maxSteps() - kind.minSteps() + 1);
            double size = kind == AnomalyKind.DROPOUT ? 0
                    : random.nextDouble(kind.minSize(), kind.maxSize() + Math.ulp(kind.maxSize()));
            if (kind == AnomalyKind.VARIANCE) {
                size = Math.min(1 + (size - 1) * spec.magnitude(), MAX_NOISY_FRACTION * profile.level()
                        / profile.noise());
            } else {
                size *= spec.magnitude();
            }
            if (kind.permanent()) {
                boolean down = random.nextBoolean();
                double signed = down ? -size : size;
                if (!withinBounds(profile, permanentOffset + signed)) {
                    signed = -signed;
                }
                size = signed;
                permanentOffset += signed;
            }
            if (start + steps > spec.steps()) {
                return anomalies;
            }
            anomalies.add(new Anomaly(kind, (int) start, steps, size));
            cursor = start + steps + MIN_GAP_STEPS;
        }
    }

    private static boolean withinBounds(SeriesProfile profile, double offsetSigmas) {
        double offset = offsetSigmas * profile.noise();
        double night = profile.level() + offset;
        double peak = night + profile.dayAmplitude();
        return night >= profile.level() / 3 && night >= profile.min() && peak <= profile.max();
    }
}
