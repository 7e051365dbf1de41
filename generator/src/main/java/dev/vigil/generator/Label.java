package dev.vigil.generator;

/**
 * A labeled anomaly: the event-time range, inclusive at both ends, over which {@code series} is anomalous, and
 * what kind of anomaly it is. One line of {@code labels.csv}.
 */
public record Label(String series, long start, long end, AnomalyKind kind) {

    public Label {
        if (end < start) {
            throw new IllegalArgumentException("label of " + series + " ends at " + end + " before its start "
                    + start);
        }
    }

    /** This label cut to end at {@code lastTs} (for a run stopped early). */
    public Label endingAt(long lastTs) {
        return new Label(series, start, Math.min(end, lastTs), kind);
    }
}
