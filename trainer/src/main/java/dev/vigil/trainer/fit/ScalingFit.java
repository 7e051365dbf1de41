package dev.vigil.trainer.fit;

import dev.vigil.spec.Scaling;
import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.HistoryException;
import dev.vigil.trainer.data.Series;

/**
 * Fits a {@value Scaling#FIXED_STANDARD} scheme's statistics on the training split of every series (the same
 * time fraction {@link WindowSplits} trains on), so no validation or test value shapes the scaling.
 */
public final class ScalingFit {

    private ScalingFit() {
    }

    /** {@code requested} itself unless it is a fixed scheme still to fit; then the fitted scheme. */
    public static Scaling resolve(Scaling requested, History history, SplitFractions split) {
        if (!Scaling.FIXED_STANDARD.equals(requested.scheme()) || requested.mean() != null) {
            return requested;
        }
        int features = history.features().size();
        double[] mean = new double[features];
        long count = 0;
        for (Series series : history.series()) {
            int end = split.trainEnd(series.length());
            for (int t = 0; t < end; t++) {
                for (int f = 0; f < features; f++) {
                    mean[f] += series.value(t, f);
                }
            }
            count += end;
        }
        if (count == 0) {
            throw new HistoryException("no training points in " + history.source() + " to fit "
                    + Scaling.FIXED_STANDARD + " scaling on");
        }
        for (int f = 0; f < features; f++) {
            mean[f] /= count;
        }
        double[] std = new double[features];
        for (Series series : history.series()) {
            int end = split.trainEnd(series.length());
            for (int t = 0; t < end; t++) {
                for (int f = 0; f < features; f++) {
                    double d = series.value(t, f) - mean[f];
                    std[f] += d * d;
                }
            }
        }
        for (int f = 0; f < features; f++) {
            std[f] = Math.sqrt(std[f] / count);
        }
        return requested.fitted(mean, std);
    }
}
