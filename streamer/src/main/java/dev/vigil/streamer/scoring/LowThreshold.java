package dev.vigil.streamer.scoring;

/**
 * The low side of a series' dynamic threshold: a smoothed error below {@code bound} is unusually small for the
 * series, as when a signal stops varying or holds a level where the model forecasts it too well. Scored like a high
 * error, over the errors mirrored about their {@code mean} ({@code 2 mean - e}), so that a low anomaly too scores
 * above 0.5.
 *
 * @param bound the low threshold; NaN when none applies
 * @param mean  the mean of the errors it was computed from
 */
public record LowThreshold(double bound, double mean) {

    /** No low threshold: nothing is below it. */
    public static final LowThreshold NONE = new LowThreshold(Double.NaN, Double.NaN);

    /**
     * Whether {@code smoothedError} and the newest {@code steps - 1} errors held are all below the bound: the series'
     * error has stayed unusually small for {@code steps} steps in a row.
     */
    public boolean stayedBelow(double smoothedError, ErrorHistory errors, int steps) {
        if (!(smoothedError < bound) || errors.size() < steps - 1) {
            return false;
        }
        for (int i = errors.size() - 1, end = errors.size() - steps; i > end; i--) {
            if (!(errors.get(i) < bound)) {
                return false;
            }
        }
        return true;
    }

    /** The score of a low error, in [0, 1], above 0.5 below the bound. */
    public double score(double smoothedError) {
        return AnomalyScore.score(2 * mean - smoothedError, 2 * mean - bound);
    }

    /** The severity of a low error, by the same ratios as a high one's, over the mirrored errors. */
    public Severity severity(double smoothedError) {
        return AnomalyScore.severity(2 * mean - smoothedError, 2 * mean - bound);
    }
}
