package dev.vigil.generator;

/**
 * One injected anomaly of a series, in steps.
 *
 * @param kind  what it does to the series
 * @param start first labeled step
 * @param steps labeled steps: the label covers {@code [start, start + steps - 1]}
 * @param size  signed offset in noise sigmas (spike, level shift, drift), noise factor (variance), 0 (dropout)
 */
public record Anomaly(AnomalyKind kind, int start, int steps, double size) {

    /** Last labeled step, inclusive. */
    public int end() {
        return start + steps - 1;
    }

    public boolean covers(int step) {
        return step >= start && step <= end();
    }

    /** The offset this anomaly adds at {@code step}, in noise sigmas; 0 for kinds that add none. */
    double offsetAt(int step) {
        if (step < start) {
            return 0;
        }
        return switch (kind) {
            case SPIKE -> step <= end() ? size : 0;
            case LEVEL_SHIFT -> size;
            case DRIFT -> size * Math.min(1.0, (step - start + 1) / (double) steps);
            case DROPOUT, VARIANCE -> 0;
        };
    }
}
