package dev.vigil.spec;

import java.util.List;

/**
 * Anomaly thresholds calibrated from validation residuals. Residuals are absolute forecast errors in scaled units
 * (see {@link Scaling}), so one threshold serves series of any magnitude.
 *
 * @param quantiles the calibrated quantiles, ascending, each in (0, 1)
 * @param absError  {@code absError[q][h][t]}: the {@code quantiles[q]} quantile of |actual - forecast| at horizon
 *                  step {@code h} (0 = one step ahead) for target {@code t}
 * @param samples   how many validation forecasts the quantiles were computed from
 */
public record Thresholds(List<Double> quantiles, double[][][] absError, long samples) {

    public Thresholds {
        quantiles = List.copyOf(quantiles);
    }

    /** The threshold for one quantile, horizon step and target. */
    public double at(int quantileIndex, int horizonStep, int target) {
        return absError[quantileIndex][horizonStep][target];
    }
}
