package dev.vigil.trainer.data;

import java.util.Arrays;

/** Collects the rows of one series as they are read, in input order; {@link #build} repairs and freezes them. */
final class SeriesBuilder {

    private final String id;
    private final int featureCount;
    private long[] timestamps = new long[64];
    private double[] values;
    private int size;

    SeriesBuilder(String id, int featureCount) {
        this.id = id;
        this.featureCount = featureCount;
        this.values = new double[timestamps.length * featureCount];
    }

    /** Appends one row; {@code row} has {@code featureCount} values and is copied. */
    void add(long timestamp, double[] row) {
        if (size == timestamps.length) {
            int capacity = Math.max(64, size + (size >> 1));
            timestamps = Arrays.copyOf(timestamps, capacity);
            values = Arrays.copyOf(values, Math.multiplyExact(capacity, featureCount));
        }
        timestamps[size] = timestamp;
        System.arraycopy(row, 0, values, size * featureCount, featureCount);
        size++;
    }

    int size() {
        return size;
    }

    /** The series sorted by time without duplicate timestamps; see {@link SeriesRepair#repair}. */
    Series build(String source) {
        return SeriesRepair.repair(source, id, Arrays.copyOf(timestamps, size),
                Arrays.copyOf(values, size * featureCount), featureCount);
    }
}
