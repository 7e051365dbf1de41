package dev.vigil.generator;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The anomalies the generator injects. Sizes are in multiples of the series' noise standard deviation (sigma) and
 * are multiplied by {@link GeneratorSpec#magnitude()}; durations are in steps. Every kind is large enough to be seen
 * on a chart of the series: the smallest is several sigma, held for at least two steps.
 */
public enum AnomalyKind {

    /** A short burst: the value rises by 10-20 sigma for 2-5 steps, then returns. Labeled over the burst. */
    SPIKE("spike", 2, 5, 10, 20),
    /** A lasting step change of 8-14 sigma, up or down, that never returns. Labeled over its first 30 steps. */
    LEVEL_SHIFT("level-shift", 30, 30, 8, 14),
    /**
     * A linear ramp over 20-45 steps to 20-30 sigma, up or down, after which the value stays there. Labeled over the
     * ramp.
     */
    DRIFT("drift", 20, 45, 20, 30),
    /** The value reads 0 for 5-20 steps (points keep arriving), then returns. Labeled over the zeros. */
    DROPOUT("dropout", 5, 20, 0, 0),
    /**
     * The noise grows 8-12 times for 30-90 steps, then calms down; on a series whose noise is already large it grows
     * less, at most to 40 % of the level, so that the values seldom reach 0. Labeled over the noisy steps.
     */
    VARIANCE("variance", 30, 90, 8, 12);

    private final String id;
    private final int minSteps;
    private final int maxSteps;
    private final double minSize;
    private final double maxSize;

    AnomalyKind(String id, int minSteps, int maxSteps, double minSize, double maxSize) {
        this.id = id;
        this.minSteps = minSteps;
        this.maxSteps = maxSteps;
        this.minSize = minSize;
        this.maxSize = maxSize;
    }

    /** The name in options, labels and docs, e.g. {@code level-shift}. */
    public String id() {
        return id;
    }

    /** Shortest labeled range, in steps. */
    public int minSteps() {
        return minSteps;
    }

    /** Longest labeled range, in steps. */
    public int maxSteps() {
        return maxSteps;
    }

    /** Smallest size before scaling: sigmas for offsets, a factor for variance, unused for dropout. */
    public double minSize() {
        return minSize;
    }

    public double maxSize() {
        return maxSize;
    }

    /** Whether the change stays after the labeled range (level shift, drift). */
    public boolean permanent() {
        return this == LEVEL_SHIFT || this == DRIFT;
    }

    /** The kind named {@code id} (case-insensitive; '_' for '-' is accepted). */
    public static AnomalyKind parse(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (AnomalyKind kind : values()) {
            if (kind.id.equals(wanted)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown anomaly kind '" + id + "', expected one of " + ids());
    }

    /** Every kind's id, comma-separated. */
    public static String ids() {
        return Arrays.stream(values()).map(AnomalyKind::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
