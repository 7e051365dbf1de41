package dev.vigil.trainer.fit;

import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.HistoryException;
import dev.vigil.trainer.data.Series;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The windows of every series, split by time and never shuffled across the split: a window belongs to the split
 * that holds all H of its forecast steps, so no test or validation value is ever a training label. Its W input
 * steps may reach back into the preceding split, as they would in production.
 *
 * <p>A window is a {@code long}: series index in the high 32 bits, first input step in the low 32 bits.
 */
public record WindowSplits(long[] train, long[] validation, long[] test) {

    private static final Logger LOG = LoggerFactory.getLogger(WindowSplits.class);

    public static WindowSplits of(History history, int windowSize, int horizon, SplitFractions fractions) {
        List<long[]> train = new ArrayList<>();
        List<long[]> validation = new ArrayList<>();
        List<long[]> test = new ArrayList<>();
        int skipped = 0;
        int span = windowSize + horizon;
        for (int s = 0; s < history.series().size(); s++) {
            Series series = history.series().get(s);
            int n = series.length();
            int trainEnd = fractions.trainEnd(n);
            int validationEnd = fractions.validationEnd(n);
            // first forecast step of a window starting at 'start' is start + W
            long[] tr = range(s, 0, trainEnd - span);
            long[] va = range(s, Math.max(0, trainEnd - windowSize), validationEnd - span);
            long[] te = range(s, Math.max(0, validationEnd - windowSize), n - span);
            if (tr.length == 0 || va.length == 0 || te.length == 0) {
                skipped++;
                LOG.warn("series '{}' skipped: {} steps give {} training, {} validation and {} test windows of "
                        + "{} input + {} forecast steps", series.id(), n, tr.length, va.length, te.length,
                        windowSize, horizon);
                continue;
            }
            train.add(tr);
            validation.add(va);
            test.add(te);
        }
        if (train.isEmpty()) {
            int needed = minimumLength(windowSize, horizon, fractions);
            throw new HistoryException("too little data in " + history.source() + ": no series is long enough for "
                    + "one window in each of the train, validation and test splits; with window " + windowSize
                    + " and horizon " + horizon + " a series needs at least " + needed + " steps (longest has "
                    + history.series().stream().mapToInt(Series::length).max().orElse(0) + ")");
        }
        if (skipped > 0) {
            LOG.warn("{} of {} series were too short and were skipped", skipped, history.series().size());
        }
        return new WindowSplits(concat(train), concat(validation), concat(test));
    }

    /** The shortest series that yields one window in every split. */
    static int minimumLength(int windowSize, int horizon, SplitFractions fractions) {
        int span = windowSize + horizon;
        for (int n = span; ; n++) {
            int trainEnd = fractions.trainEnd(n);
            int validationEnd = fractions.validationEnd(n);
            if (trainEnd >= span && validationEnd - span >= Math.max(0, trainEnd - windowSize)
                    && n - span >= Math.max(0, validationEnd - windowSize)) {
                return n;
            }
        }
    }

    public static int seriesIndex(long window) {
        return (int) (window >>> 32);
    }

    public static int start(long window) {
        return (int) window;
    }

    private static long[] range(int series, int firstStart, int lastStart) {
        if (lastStart < firstStart) {
            return new long[0];
        }
        long[] windows = new long[lastStart - firstStart + 1];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = ((long) series << 32) | (firstStart + i);
        }
        return windows;
    }

    private static long[] concat(List<long[]> parts) {
        long[] all = new long[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
