package dev.vigil.backtest;

import dev.vigil.streamer.evaluation.TimeRange;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How many labeled ranges the forecasts make separable at all: a range counts when its largest smoothed error is
 * above every smoothed error of its series outside the labeled ranges (each widened by {@code marginRows} rows), that
 * is when some per-series threshold, chosen in hindsight, would have caught it without a false alert. It bounds
 * what any threshold on these forecasts can reach at full precision, and so tells a weak forecaster apart from a
 * weak threshold.
 *
 * <p>The error of a row is the largest over the targets of {@code |actual - expected|}, each divided by the spread
 * of that target's actual values in the series (so targets in different units compare), and smoothed like the
 * streamer smooths it: {@code e_s = alpha * e + (1 - alpha) * e_s_prev}. Rows without a forecast count as neither.
 *
 * @param separable  labeled ranges whose peak error beats every error outside the (widened) labels
 * @param labeled    labeled ranges in all
 * @param alpha      the smoothing weight of the newest error
 * @param marginRows rows each label is widened by on both sides before "outside the labels"
 */
record HindsightBound(int separable, int labeled, double alpha, int marginRows) {

    static HindsightBound of(List<SeriesResult> results, double alpha, int marginRows) {
        int separable = 0;
        int labeled = 0;
        for (SeriesResult result : results) {
            if (result.labels().isEmpty()) {
                continue;
            }
            List<RowResult> rows = result.rows();
            double[] smoothed = smoothedErrors(rows, alpha);
            List<int[]> spans = result.labels().stream().map(label -> rowSpan(rows, label)).toList();
            boolean[] nearLabel = new boolean[rows.size()];
            for (int[] span : spans) {
                if (span != null) {
                    int from = Math.max(0, span[0] - marginRows);
                    int to = Math.min(rows.size() - 1, span[1] + marginRows);
                    Arrays.fill(nearLabel, from, to + 1, true);
                }
            }
            double largestNormal = 0;
            for (int i = 0; i < rows.size(); i++) {
                if (!nearLabel[i] && !Double.isNaN(smoothed[i])) {
                    largestNormal = Math.max(largestNormal, smoothed[i]);
                }
            }
            for (int[] span : spans) {
                labeled++;
                if (span != null && peak(smoothed, span) > largestNormal) {
                    separable++;
                }
            }
        }
        return new HindsightBound(separable, labeled, alpha, marginRows);
    }

    /** The largest smoothed error in the rows of {@code span}, NaN when none has a forecast. */
    private static double peak(double[] smoothed, int[] span) {
        double peak = Double.NaN;
        for (int i = span[0]; i <= span[1]; i++) {
            if (!Double.isNaN(smoothed[i])) {
                peak = Double.isNaN(peak) ? smoothed[i] : Math.max(peak, smoothed[i]);
            }
        }
        return peak;
    }

    static double[] smoothedErrors(List<RowResult> rows, double alpha) {
        int targets = rows.isEmpty() ? 0 : rows.get(0).expected().length;
        double[] spread = new double[targets];
        for (int t = 0; t < targets; t++) {
            double sum = 0;
            double squares = 0;
            int n = 0;
            for (RowResult row : rows) {
                double v = row.actual()[t];
                if (Double.isFinite(v)) {
                    sum += v;
                    squares += v * v;
                    n++;
                }
            }
            double mean = n == 0 ? 0 : sum / n;
            double std = n == 0 ? 0 : Math.sqrt(Math.max(0, squares / n - mean * mean));
            spread[t] = std > 0 ? std : 1;
        }
        double[] smoothed = new double[rows.size()];
        double previous = Double.NaN;
        for (int i = 0; i < rows.size(); i++) {
            RowResult row = rows.get(i);
            double error = Double.NaN;
            for (int t = 0; t < targets; t++) {
                double e = Math.abs(row.actual()[t] - row.expected()[t]) / spread[t];
                if (!Double.isNaN(e)) {
                    error = Double.isNaN(error) ? e : Math.max(error, e);
                }
            }
            if (!Double.isNaN(error)) {
                previous = Double.isNaN(previous) ? error : alpha * error + (1 - alpha) * previous;
            }
            smoothed[i] = Double.isNaN(error) ? Double.NaN : previous;
        }
        return smoothed;
    }

    /** The first and last row inside {@code label}, or null when no row is. */
    private static int[] rowSpan(List<RowResult> rows, TimeRange label) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < rows.size(); i++) {
            long ts = rows.get(i).ts();
            if (ts >= label.start() && ts <= label.end()) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        return first < 0 ? null : new int[] {first, last};
    }

    /** One line for reports. */
    String describe() {
        return String.format(Locale.ROOT, "Separable in hindsight: %d of %d labeled ranges (%.1f%%) have a larger "
                + "smoothed forecast error (alpha %s) than any row of their series outside the labels (widened by %d "
                + "rows): the recall a per-series threshold chosen with hindsight could reach without a false alert.",
                separable, labeled, labeled == 0 ? 0.0 : 100.0 * separable / labeled, alpha, marginRows);
    }
}
