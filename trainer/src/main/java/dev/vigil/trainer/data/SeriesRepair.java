package dev.vigil.trainer.data;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The repairs both history readers make instead of failing, each logged with its count per series:
 * rows out of time order are sorted (a stable sort, so equal timestamps keep their input order), and of several rows
 * with the same timestamp only the last one read is kept.
 */
final class SeriesRepair {

    private static final Logger LOG = LoggerFactory.getLogger(SeriesRepair.class);

    private SeriesRepair() {
    }

    /** Sorts and de-duplicates the rows of one series; {@code values} is row-major {@code [n][featureCount]}. */
    static Series repair(String source, String id, long[] timestamps, double[] values, int featureCount) {
        int n = timestamps.length;
        int outOfOrder = 0;
        int duplicates = 0;
        for (int i = 1; i < n; i++) {
            if (timestamps[i] < timestamps[i - 1]) {
                outOfOrder++;
            } else if (timestamps[i] == timestamps[i - 1]) {
                duplicates++;
            }
        }
        if (outOfOrder == 0 && duplicates == 0) {
            return new Series(id, timestamps, values, featureCount);
        }
        int[] order = IntStream.range(0, n).toArray();
        if (outOfOrder > 0) {
            order = IntStream.range(0, n).boxed()
                    .sorted(Comparator.comparingLong(i -> timestamps[i]))
                    .mapToInt(Integer::intValue).toArray();
            LOG.warn("{}: series '{}': {} row(s) earlier than the row before them; sorted its {} rows by time",
                    source, id, outOfOrder, n);
        }
        long[] ts = new long[n];
        double[] vs = new double[values.length];
        int kept = 0;
        for (int k = 0; k < n; k++) {
            int row = order[k];
            boolean lastOfItsTime = k + 1 == n || timestamps[order[k + 1]] != timestamps[row];
            if (lastOfItsTime) {
                ts[kept] = timestamps[row];
                System.arraycopy(values, row * featureCount, vs, kept * featureCount, featureCount);
                kept++;
            }
        }
        if (kept < n) {
            LOG.warn("{}: series '{}': {} row(s) repeat an earlier timestamp; kept the last row read for each "
                    + "timestamp", source, id, n - kept);
        }
        return new Series(id, Arrays.copyOf(ts, kept), Arrays.copyOf(vs, kept * featureCount), featureCount);
    }

    /**
     * The median spacing of consecutive timestamps over all series.
     *
     * @throws HistoryException when no series has two points
     */
    static long medianStepMillis(String source, List<Series> series) {
        long count = 0;
        for (Series s : series) {
            count += Math.max(0, s.length() - 1);
        }
        if (count == 0) {
            throw new HistoryException(source + ": cannot infer the step interval, no series has two points; "
                    + "give the step explicitly");
        }
        long[] gaps = new long[Math.toIntExact(count)];
        int g = 0;
        for (Series s : series) {
            long[] t = s.timestamps();
            for (int i = 1; i < t.length; i++) {
                gaps[g++] = t[i] - t[i - 1];
            }
        }
        Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }
}
