package dev.vigil.streamer.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the flagged ranges of one series from a stream of points in time order: consecutive flagged points
 * form one range. Points arrive one at a time, as scores do.
 */
public final class FlaggedRanges {

    private final List<TimeRange> ranges = new ArrayList<>();
    private long openStart = Long.MIN_VALUE;
    private long lastFlagged = Long.MIN_VALUE;

    public void add(long ts, boolean flagged) {
        if (flagged) {
            if (openStart == Long.MIN_VALUE) {
                openStart = ts;
            }
            lastFlagged = ts;
        } else {
            close();
        }
    }

    /** Opens a range explicitly, e.g. at an anomaly event's OPENED; {@link #end} closes it. */
    public void begin(long ts) {
        if (openStart == Long.MIN_VALUE) {
            openStart = ts;
        }
        lastFlagged = ts;
    }

    public void end(long ts) {
        if (openStart != Long.MIN_VALUE) {
            lastFlagged = Math.max(lastFlagged, ts);
            close();
        }
    }

    private void close() {
        if (openStart != Long.MIN_VALUE) {
            ranges.add(new TimeRange(openStart, lastFlagged));
            openStart = Long.MIN_VALUE;
        }
    }

    /** The ranges so far; a range still open ends at its last flagged point. */
    public List<TimeRange> ranges() {
        List<TimeRange> all = new ArrayList<>(ranges);
        if (openStart != Long.MIN_VALUE) {
            all.add(new TimeRange(openStart, lastFlagged));
        }
        return all;
    }
}
