package dev.vigil.backtest;

/**
 * What the streamer said about one evaluated row: the per-row output of a backtest. The arrays hold one entry per
 * target feature, in the model's target order.
 *
 * @param expected  the forecast for this row, NaN while the series warms up
 * @param score     anomaly score in [0, 1], NaN while warming up
 * @param flag      whether the point's smoothed error was above its threshold
 * @param alert     whether the row lies in an open anomaly (OPENED .. RESOLVED), what alert routing sees
 */
public record RowResult(long ts, double[] actual, double[] expected, double[] lower, double[] upper, double score,
                        boolean flag, boolean alert) {

    RowResult inAlert() {
        return new RowResult(ts, actual, expected, lower, upper, score, flag, true);
    }
}
