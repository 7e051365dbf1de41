package dev.vigil.streamer.scoring;

/**
 * Turns a point's smoothed error and its threshold into what Vigil publishes: whether it is anomalous, a score in
 * [0, 1] and a severity. All three depend only on the ratio {@code e / threshold}, so they mean the same on every
 * series.
 */
public final class AnomalyScore {

    /** {@code e / threshold} below this is {@link Severity#MINOR}. */
    public static final double MAJOR_RATIO = 2.0;
    /** {@code e / threshold} below this is at most {@link Severity#MAJOR}; from it on, {@link Severity#CRITICAL}. */
    public static final double CRITICAL_RATIO = 4.0;

    private AnomalyScore() {
    }

    /** A point is anomalous when its smoothed error is above the threshold, that is when its score is above 0.5. */
    public static boolean anomalous(double smoothedError, double threshold) {
        return smoothedError > threshold;
    }

    /**
     * {@code e / (e + threshold)}: 0 for no error, exactly 0.5 at the threshold, 0.75 at three times it, towards 1 as
     * the error grows. A threshold {@code <= 0} makes any positive error score 1. A negative error counts as 0; NaN
     * in either argument gives NaN.
     */
    public static double score(double smoothedError, double threshold) {
        if (Double.isNaN(smoothedError) || Double.isNaN(threshold)) {
            return Double.NaN;
        }
        if (smoothedError <= 0) {
            return 0.0;
        }
        if (threshold <= 0 || smoothedError == Double.POSITIVE_INFINITY) {
            return 1.0;
        }
        return smoothedError / (smoothedError + threshold);
    }

    /**
     * {@link Severity#MINOR} when {@code e / threshold < 2}, {@link Severity#MAJOR} when it is {@code < 4},
     * {@link Severity#CRITICAL} otherwise. A threshold {@code <= 0} makes any positive error critical; a NaN
     * argument gives MINOR (its score is NaN, so nothing should be raised on it).
     */
    public static Severity severity(double smoothedError, double threshold) {
        if (Double.isNaN(smoothedError) || Double.isNaN(threshold) || smoothedError <= 0) {
            return Severity.MINOR;
        }
        if (threshold <= 0) {
            return Severity.CRITICAL;
        }
        double ratio = smoothedError / threshold;
        if (ratio < MAJOR_RATIO) {
            return Severity.MINOR;
        }
        return ratio < CRITICAL_RATIO ? Severity.MAJOR : Severity.CRITICAL;
    }
}
