package dev.vigil.trainer.eval;

import dev.vigil.spec.Thresholds;

import java.util.Arrays;
import java.util.List;

/**
 * Calibrates anomaly thresholds as quantiles of the absolute validation residuals, in scaled units, separately for
 * every horizon step and target: a forecast many steps ahead is allowed a larger error than the next step's.
 */
public final class ThresholdCalibrator {

    private ThresholdCalibrator() {
    }

    /**
     * @param forecast row-major {@code [n][horizon][targets]}
     * @param labels   the actual values, same layout
     */
    public static Thresholds calibrate(float[] forecast, float[] labels, int n, int horizon, int targets,
                                       List<Double> quantiles) {
        double[][][] absError = new double[quantiles.size()][horizon][targets];
        double[] errors = new double[n];
        for (int h = 0; h < horizon; h++) {
            for (int t = 0; t < targets; t++) {
                for (int i = 0; i < n; i++) {
                    int at = (i * horizon + h) * targets + t;
                    errors[i] = Math.abs(forecast[at] - labels[at]);
                }
                Arrays.sort(errors);
                for (int q = 0; q < quantiles.size(); q++) {
                    absError[q][h][t] = quantile(errors, quantiles.get(q));
                }
            }
        }
        return new Thresholds(quantiles, absError, n);
    }

    /** Linear interpolation between the two closest ranks of a sorted array. */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }
}
