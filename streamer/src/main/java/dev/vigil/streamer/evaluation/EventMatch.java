package dev.vigil.streamer.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Matches flagged ranges against labeled ranges for one series, the usual event-level protocol of the SMAP/MSL
 * benchmark (see docs/benchmarks.md).
 *
 * @param labels        one outcome per labeled range, in the order given
 * @param falseFlags    flagged ranges that overlap no labeled range
 */
public record EventMatch(List<LabelOutcome> labels, List<TimeRange> falseFlags) {

    /**
     * @param detected whether any flagged range overlaps the label
     * @param delay    from the label's start to the start of the first overlapping flag (0 when the flag began
     *                 before the label); -1 when not detected
     */
    public record LabelOutcome(TimeRange label, boolean detected, long delay) {
    }

    public static EventMatch of(List<TimeRange> labels, List<TimeRange> flagged) {
        List<LabelOutcome> outcomes = new ArrayList<>(labels.size());
        for (TimeRange label : labels) {
            long firstStart = Long.MAX_VALUE;
            for (TimeRange flag : flagged) {
                if (flag.overlaps(label)) {
                    firstStart = Math.min(firstStart, flag.start());
                }
            }
            boolean detected = firstStart != Long.MAX_VALUE;
            outcomes.add(new LabelOutcome(label, detected, detected ? Math.max(0, firstStart - label.start()) : -1));
        }
        List<TimeRange> falseFlags = new ArrayList<>();
        for (TimeRange flag : flagged) {
            if (labels.stream().noneMatch(flag::overlaps)) {
                falseFlags.add(flag);
            }
        }
        return new EventMatch(List.copyOf(outcomes), List.copyOf(falseFlags));
    }

    public EventCounts counts() {
        long detected = labels.stream().filter(LabelOutcome::detected).count();
        return new EventCounts(detected, falseFlags.size(), labels.size() - detected);
    }

    /**
     * Counts per label kind (labels without a kind under "unlabeled"). False flags belong to no kind, so each
     * kind's counts carry only true positives and false negatives.
     */
    public Map<String, EventCounts> countsByKind() {
        Map<String, EventCounts> byKind = new TreeMap<>();
        for (LabelOutcome outcome : labels) {
            String kind = outcome.label().kind() == null ? "unlabeled" : outcome.label().kind();
            EventCounts one = outcome.detected() ? new EventCounts(1, 0, 0) : new EventCounts(0, 0, 1);
            byKind.merge(kind, one, EventCounts::plus);
        }
        return byKind;
    }
}
