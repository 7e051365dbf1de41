package dev.vigil.trainer.eval;

import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.Series;

/**
 * Finds the dominant seasonal period from the autocorrelation of the training part of the series: the lag of the
 * highest autocorrelation peak above {@value #MIN_CORRELATION}, averaged over up to {@value #MAX_SERIES} series.
 */
public final class SeasonalityDetector {

    static final double MIN_CORRELATION = 0.3;
    static final int MAX_SERIES = 32;

    private SeasonalityDetector() {
    }

    /**
     * @param feature       the feature to look at (the first target)
     * @param trainFraction only this leading part of each series is looked at, so the test split stays unseen
     * @param maxLag        longest period considered
     * @return the period in steps, or 0 when no clear seasonality shows
     */
    public static int detect(History history, int feature, double trainFraction, int maxLag) {
        int used = Math.min(MAX_SERIES, history.series().size());
        double[] meanAcf = new double[maxLag + 1];
        int counted = 0;
        for (int s = 0; s < used; s++) {
            Series series = history.series().get(s);
            int n = (int) (series.length() * trainFraction);
            if (n < 3 * 2) {
                continue;
            }
            double[] acf = autocorrelation(series, feature, n, Math.min(maxLag, n / 3));
            for (int lag = 0; lag < acf.length; lag++) {
                meanAcf[lag] += acf[lag];
            }
            counted++;
        }
        if (counted == 0) {
            return 0;
        }
        int best = 0;
        double bestValue = MIN_CORRELATION;
        for (int lag = 2; lag < maxLag; lag++) {
            double value = meanAcf[lag] / counted;
            boolean peak = meanAcf[lag] >= meanAcf[lag - 1] && meanAcf[lag] >= meanAcf[lag + 1];
            if (peak && value > bestValue) {
                best = lag;
                bestValue = value;
            }
        }
        return best;
    }

    private static double[] autocorrelation(Series series, int feature, int n, int maxLag) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += series.value(i, feature);
        }
        mean /= n;
        double variance = 0;
        for (int i = 0; i < n; i++) {
            double d = series.value(i, feature) - mean;
            variance += d * d;
        }
        double[] acf = new double[maxLag + 1];
        if (variance == 0) {
            return acf;
        }
        for (int lag = 0; lag <= maxLag; lag++) {
            double sum = 0;
            for (int i = lag; i < n; i++) {
                sum += (series.value(i, feature) - mean) * (series.value(i - lag, feature) - mean);
            }
            acf[lag] = sum / variance;
        }
        return acf;
    }
}
