package dev.vigil.streamer.scoring;

/**
 * Nonparametric dynamic thresholding (Hundman et al., "Detecting Spacecraft Anomalies Using LSTMs and Nonparametric
 * Dynamic Thresholding", KDD 2018): the threshold of a series adapts to the distribution of its own recent smoothed
 * errors, with no assumption about that distribution's shape.
 *
 * <p>Over the errors held, with mean {@code mu} and population standard deviation {@code sigma}, each candidate
 * {@code eps = mu + z * sigma} for {@code z} in {@value #Z_MIN}, 2.5, ..., {@value #Z_MAX} is rated
 * <pre>
 *   (delta_mu / mu + delta_sigma / sigma) / (n_a + n_seq^2)
 * </pre>
 * where {@code delta_mu} and {@code delta_sigma} are how much the mean and standard deviation drop when the errors at
 * or above {@code eps} are removed, {@code n_a} is how many errors are at or above {@code eps}, and {@code n_seq} how
 * many contiguous runs they form. The best-rated {@code eps} wins (on a tie, the larger): it removes the most spread
 * with the fewest, most grouped, anomalous errors.
 *
 * <p>Edge cases: no errors: NaN. All errors equal ({@code sigma == 0}): that value. No candidate has an error at or
 * above it: {@code mu + Z_MAX * sigma}, the most conservative candidate.
 *
 * <p>Cost: one scan of the history that sorts the errors into the bands between candidates, then a few sums per
 * candidate; it runs for every point.
 */
public final class DynamicThreshold {

    /** The smallest and largest {@code z} tried, in standard deviations above the mean. */
    public static final double Z_MIN = 2.0;
    public static final double Z_MAX = 10.0;
    /** The spacing of the {@code z} tried. */
    public static final double Z_STEP = 0.5;
    /** How many {@code z} are tried: 2.0 to 10.0 by 0.5. */
    public static final int CANDIDATES = 17;

    private DynamicThreshold() {
    }

    /**
     * The threshold for one point: {@code calibrated} until {@code errors} holds {@code minHistory} errors, then the
     * series' own {@link #epsilon}, floored at {@code minFraction * calibrated} so that a very quiet stretch cannot
     * make every small wobble an anomaly.
     *
     * @param calibrated  the model's calibrated threshold for this point, scaled units, {@code >= 0}
     * @param errors      the series' recent smoothed errors
     * @param minHistory  errors needed before the threshold adapts, {@code >= 1}
     * @param minFraction the floor as a fraction of {@code calibrated}, {@code >= 0}
     */
    public static double threshold(double calibrated, ErrorHistory errors, int minHistory, double minFraction) {
        if (!(calibrated >= 0) || Double.isInfinite(calibrated)) {
            throw new IllegalArgumentException("calibrated threshold " + calibrated + ": expected a finite value >= 0");
        }
        if (minHistory < 1) {
            throw new IllegalArgumentException("minimum error history " + minHistory + ": expected at least 1");
        }
        if (!(minFraction >= 0)) {
            throw new IllegalArgumentException("minimum threshold fraction " + minFraction + ": expected >= 0");
        }
        if (errors.size() < minHistory) {
            return calibrated;
        }
        return Math.max(epsilon(errors), minFraction * calibrated);
    }

    /**
     * Raises {@code threshold} so that it is at least {@code 1 + margin} times the largest held error below it, and
     * at least {@code floor}: the streaming form of Hundman et al.'s pruning, which drops anomalous sequences whose
     * peak is not clearly above the largest normal error.
     */
    public static double pruned(double threshold, ErrorHistory errors, double margin, double floor) {
        double result = Math.max(threshold, floor);
        if (margin <= 0 || errors.size() == 0) {
            return result;
        }
        float[] values = errors.buffer();
        double largestNormal = 0;
        for (int i = 0, j = errors.head(); i < errors.size(); i++, j = next(j, values.length)) {
            if (values[j] < threshold && values[j] > largestNormal) {
                largestNormal = values[j];
            }
        }
        return Math.max(result, (1 + margin) * largestNormal);
    }

    /** Hundman's threshold over the errors held; see the class comment, including the edge cases. */
    public static double epsilon(ErrorHistory errors) {
        return errors.size() == 0 ? Double.NaN : epsilon(errors, false);
    }

    /**
     * The low threshold for one point (see {@link LowThreshold}): Hundman's threshold over the errors held mirrored
     * about their mean ({@code 2 mu - e}), mapped back. {@link LowThreshold#NONE} until {@code errors} holds
     * {@code minHistory} errors, when {@code smoothedError} is not below the errors' mean (no low threshold lies
     * above it, so the costlier scan is skipped), when that mean is not above {@code floor} (the threshold's own
     * floor: a series whose usual error is below it is too quiet for a smaller one to mean anything), and when the
     * bound is not above 0, as in a series whose errors are mostly near zero with rare spikes.
     */
    public static LowThreshold low(double smoothedError, ErrorHistory errors, int minHistory, double floor) {
        if (errors.size() < minHistory || errors.size() == 0) {
            return LowThreshold.NONE;
        }
        double mu = errors.mean();
        if (!(smoothedError < mu) || !(mu > floor)) {
            return LowThreshold.NONE;
        }
        double mirroredEpsilon = epsilon(errors, true);
        double bound = 2 * mu - mirroredEpsilon;
        // all errors equal: epsilon is their mean, and nothing is unusually low
        return mirroredEpsilon > mu && bound > 0 ? new LowThreshold(bound, mu) : LowThreshold.NONE;
    }

    /** Hundman's threshold over the errors held, or over them mirrored about their mean. */
    private static double epsilon(ErrorHistory errors, boolean mirrored) {
        int n = errors.size();
        float[] values = errors.buffer();
        int head = errors.head();
        // the errors, oldest first, lie in two runs of the ring: [head, head + first) and [0, n - first); every
        // loop below walks them in that order, so the sums are the same as one pass in time order
        int first = Math.min(n, values.length - head);
        int firstEnd = head + first;
        int wrapped = n - first;
        double mu = errors.mean();
        double sigma = errors.sigma();
        if (sigma == 0) {
            return mu;
        }
        // Errors are >= 0 and not all equal, so mu > 0 and both ratios below are defined.
        // One scan sorts every error into the band between two candidates; each candidate's figures are then sums
        // over bands. An error in band b is at or above exactly the candidates k < b.
        double[] eps = new double[CANDIDATES];
        for (int k = 0; k < CANDIDATES; k++) {
            eps[k] = mu + (Z_MIN + k * Z_STEP) * sigma;
        }
        int[] count = new int[CANDIDATES + 1];
        double[] shiftIn = new double[CANDIDATES + 1];
        double[] squaresIn = new double[CANDIDATES + 1];
        // runStart[k]: how many runs of errors at or above candidate k start, as a difference array over k
        int[] runStart = new int[CANDIDATES + 1];
        // Most errors lie below the smallest candidate: their sums stay in locals (added in the same order as into
        // band 0's slots, so the figures are the same) and only the others walk the bands.
        double eps0 = eps[0];
        int countBelow = 0;
        double shiftBelow = 0;
        double squaresBelow = 0;
        int previous = 0;
        for (int run = 0; run < 2; run++) {
            int from = run == 0 ? head : 0;
            int to = run == 0 ? firstEnd : wrapped;
            for (int j = from; j < to; j++) {
                // mirrored about mu, an error's distance to the mean changes sign and keeps its size
                double x = mirrored ? 2 * mu - values[j] : values[j];
                double d = x - mu;
                if (!(x >= eps0)) {
                    countBelow++;
                    shiftBelow += d;
                    squaresBelow += d * d;
                    previous = 0;
                    continue;
                }
                int band = 1;
                while (band < CANDIDATES && x >= eps[band]) {
                    band++;
                }
                count[band]++;
                shiftIn[band] += d;
                squaresIn[band] += d * d;
                if (band > previous) {
                    // at or above candidates previous..band-1, where the error before was below them
                    runStart[previous]++;
                    runStart[band]--;
                }
                previous = band;
            }
        }
        count[0] = countBelow;
        shiftIn[0] = shiftBelow;
        squaresIn[0] = squaresBelow;
        double best = mu + Z_MAX * sigma;
        double bestCriterion = Double.NEGATIVE_INFINITY;
        int below = 0;
        double shift = 0;
        double shiftSquares = 0;
        int runs = 0;
        for (int k = 0; k < CANDIDATES; k++) {
            below += count[k];
            shift += shiftIn[k];
            shiftSquares += squaresIn[k];
            runs += runStart[k];
            int anomalous = n - below;
            if (anomalous == 0) {
                break; // larger eps flag nothing either
            }
            // sigma > 0 puts the smallest error below mu + 2 sigma, so below >= 1.
            double meanShift = shift / below;
            double stdBelow = Math.sqrt(Math.max(0, shiftSquares / below - meanShift * meanShift));
            double deltaMu = -meanShift;
            double deltaSigma = sigma - stdBelow;
            double criterion = (deltaMu / mu + deltaSigma / sigma) / (anomalous + (double) runs * runs);
            if (criterion >= bestCriterion) {
                bestCriterion = criterion;
                best = eps[k];
            }
        }
        return best;
    }

    private static int next(int j, int capacity) {
        return j + 1 == capacity ? 0 : j + 1;
    }
}
