package dev.vigil.streamer.scoring;

import java.nio.FloatBuffer;

import java.util.Arrays;

/**
 * The recent smoothed errors of one series, oldest first, in a fixed-capacity ring buffer: once full, each
 * {@link #add} drops the oldest error. {@link DynamicThreshold} reads it; the caller stores it with
 * {@link #toArray()} and rebuilds it with {@link #of(float[], int)}.
 *
 * <p>Errors are absolute forecast errors in scaled units, so they must be finite and non-negative; they are kept as
 * floats. Mutable and not thread-safe: it belongs to one series, which belongs to one stream task.
 */
public final class ErrorHistory {

    private final float[] values;
    private int head;
    private int size;
    // the errors' mean and standard deviation, computed once per change: the high and the low threshold both use them
    private boolean momentsKnown;
    private double mean;
    private double sigma;

    private ErrorHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("error history capacity " + capacity + ": expected at least 1");
        }
        this.values = new float[capacity];
    }

    /** An empty history. */
    public static ErrorHistory empty(int capacity) {
        return new ErrorHistory(capacity);
    }

    /**
     * Rebuilds a history from stored errors, oldest first. When there are more than {@code capacity} (the capacity
     * was lowered since they were stored), only the newest {@code capacity} are kept.
     */
    public static ErrorHistory of(float[] oldestFirst, int capacity) {
        ErrorHistory history = new ErrorHistory(capacity);
        int from = Math.max(0, oldestFirst.length - capacity);
        for (int i = from; i < oldestFirst.length; i++) {
            requireValid(oldestFirst[i], oldestFirst[i]);
        }
        // rebuilt for every record of the series: one bulk copy instead of an add per error
        history.size = oldestFirst.length - from;
        System.arraycopy(oldestFirst, from, history.values, 0, history.size);
        return history;
    }

    /**
     * Appends the newest error (stored as a float), dropping the oldest when full.
     *
     * @throws IllegalArgumentException when the error is negative, NaN or infinite
     */
    public void add(double error) {
        float value = (float) error;
        requireValid(value, error);
        if (size < values.length) {
            values[slot(size)] = value;
            size++;
        } else {
            values[head] = value;
            head = slot(1);
        }
        momentsKnown = false;
    }

    private static void requireValid(float value, double error) {
        if (!(value >= 0) || value == Float.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("smoothed error " + error + ": expected a finite value >= 0");
        }
    }

    /** How many errors are held, at most {@link #capacity()}. */
    public int size() {
        return size;
    }

    public int capacity() {
        return values.length;
    }

    /** The {@code i}-th error held, 0 being the oldest. */
    public float get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("error " + i + " of a history holding " + size);
        }
        return values[slot(i)];
    }

    /**
     * Replaces the errors held with the next {@code count} floats of {@code source}, oldest first, keeping only the
     * newest {@link #capacity()}: reads a stored history without an intermediate array.
     *
     * @throws IllegalArgumentException when an error is negative, NaN or infinite
     */
    public void load(FloatBuffer source, int count) {
        int skip = Math.max(0, count - values.length);
        source.position(source.position() + skip);
        size = count - skip;
        head = 0;
        momentsKnown = false;
        source.get(values, 0, size);
        for (int i = 0; i < size; i++) {
            requireValid(values[i], values[i]);
        }
    }

    /** Writes the errors held, oldest first, to {@code target}: {@link #size()} floats. */
    public void writeTo(FloatBuffer target) {
        int firstPart = Math.min(size, values.length - head);
        target.put(values, head, firstPart);
        target.put(values, 0, size - firstPart);
    }

    /** A copy of the errors held, oldest first. */
    public float[] toArray() {
        float[] out = new float[size];
        int firstPart = Math.min(size, values.length - head);
        System.arraycopy(values, head, out, 0, firstPart);
        System.arraycopy(values, 0, out, firstPart, size - firstPart);
        return out;
    }

    @Override
    public String toString() {
        return "ErrorHistory" + Arrays.toString(toArray()) + " of " + values.length;
    }

    /** The backing array, for allocation-free scans in this package; read from {@link #head()}, wrapping. */
    float[] buffer() {
        return values;
    }

    /** Where the oldest error sits in {@link #buffer()}. */
    int head() {
        return head;
    }

    /** The mean of the errors held; NaN when there are none. */
    double mean() {
        moments();
        return mean;
    }

    /** The population standard deviation of the errors held; NaN when there are none. */
    double sigma() {
        moments();
        return sigma;
    }

    private void moments() {
        if (momentsKnown) {
            return;
        }
        // the errors, oldest first, lie in two runs of the ring: [head, head + first) and [0, size - first); both
        // sums walk them in that order, as one pass in time order would
        int first = Math.min(size, values.length - head);
        int firstEnd = head + first;
        int wrapped = size - first;
        double sum = 0;
        for (int j = head; j < firstEnd; j++) {
            sum += values[j];
        }
        for (int j = 0; j < wrapped; j++) {
            sum += values[j];
        }
        double mu = sum / size;
        double squares = 0;
        for (int j = head; j < firstEnd; j++) {
            double d = values[j] - mu;
            squares += d * d;
        }
        for (int j = 0; j < wrapped; j++) {
            double d = values[j] - mu;
            squares += d * d;
        }
        mean = mu;
        sigma = Math.sqrt(squares / size);
        momentsKnown = true;
    }

    private int slot(int i) {
        int j = head + i;
        return j >= values.length ? j - values.length : j;
    }
}
