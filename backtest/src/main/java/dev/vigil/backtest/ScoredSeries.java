package dev.vigil.backtest;

/**
 * One series to score: its rows in time order, and the row from which scores count. Rows before
 * {@code scoreFrom} are fed to the streamer too (as a stream would have seen them: they warm up the window and the
 * threshold history) but are not evaluated.
 *
 * @param values row-major {@code [rows][features]}
 */
public record ScoredSeries(String id, long[] timestamps, double[] values, int featureCount, int scoreFrom) {

    public ScoredSeries {
        if (values.length != timestamps.length * featureCount) {
            throw new IllegalArgumentException("series " + id + ": " + values.length + " values for "
                    + timestamps.length + " rows of " + featureCount + " features");
        }
        if (scoreFrom < 0 || scoreFrom > timestamps.length) {
            throw new IllegalArgumentException("series " + id + ": scoring starts at row " + scoreFrom
                    + ", expected 0.." + timestamps.length);
        }
    }

    public int rows() {
        return timestamps.length;
    }

    public double value(int row, int feature) {
        return values[row * featureCount + feature];
    }
}
