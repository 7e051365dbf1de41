package dev.vigil.streamer.evaluation;

/**
 * An inclusive range of timestamps (or row indices): a labeled anomaly, or a range the detector flagged.
 *
 * @param kind what the range is, e.g. the anomaly kind a generator injected; may be null
 */
public record TimeRange(long start, long end, String kind) {

    public TimeRange {
        if (end < start) {
            throw new IllegalArgumentException("range end " + end + " is before its start " + start);
        }
    }

    public TimeRange(long start, long end) {
        this(start, end, null);
    }

    public boolean overlaps(TimeRange other) {
        return start <= other.end && other.start <= end;
    }
}
