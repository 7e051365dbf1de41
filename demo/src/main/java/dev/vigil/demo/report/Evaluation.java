package dev.vigil.demo.report;

import dev.vigil.generator.Label;
import dev.vigil.streamer.evaluation.EventCounts;
import dev.vigil.streamer.evaluation.EventMatch;
import dev.vigil.streamer.evaluation.FlaggedRanges;
import dev.vigil.streamer.evaluation.TimeRange;
import dev.vigil.streamer.output.AnomalyEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The streamer's anomalies against the generator's labels, event by event (see {@link EventMatch}): an anomaly
 * covers the time from its first anomalous step ({@code openedAt}) to the step that resolved it, or to the end of
 * the data when it is still open; a label is found when an anomaly overlaps it, and an anomaly overlapping no label
 * is a false alarm.
 *
 * @param total      counts over all series
 * @param byKind     true positives and misses per anomaly kind (false alarms belong to no kind)
 * @param delays     per kind, the detection delays (ms from the label's start to the first overlapping anomaly)
 * @param anomalies  anomalies the streamer raised
 */
public record Evaluation(EventCounts total, Map<String, EventCounts> byKind, Map<String, List<Long>> delays,
                         int anomalies) {

    /**
     * @param labels the generator's labels
     * @param events the anomaly events, in the order each series emitted them
     * @param endTs  the last event time of the data: where anomalies still open end
     */
    public static Evaluation of(List<Label> labels, List<AnomalyEvent> events, long endTs) {
        Map<String, List<TimeRange>> labeled = new HashMap<>();
        for (Label label : labels) {
            labeled.computeIfAbsent(label.series(), s -> new ArrayList<>())
                    .add(new TimeRange(label.start(), label.end(), label.kind().id()));
        }
        Map<String, FlaggedRanges> flagged = new HashMap<>();
        Set<String> open = new HashSet<>();
        int anomalies = 0;
        for (AnomalyEvent event : events) {
            FlaggedRanges ranges = flagged.computeIfAbsent(event.series(), s -> new FlaggedRanges());
            if ("OPENED".equals(event.type())) {
                ranges.begin(event.openedAt());
                open.add(event.series());
                anomalies++;
            } else if ("RESOLVED".equals(event.type())) {
                ranges.end(event.ts());
                open.remove(event.series());
            }
        }
        open.forEach(id -> flagged.get(id).end(endTs));
        Set<String> series = new TreeSet<>(labeled.keySet());
        series.addAll(flagged.keySet());
        EventCounts total = EventCounts.ZERO;
        Map<String, EventCounts> byKind = new TreeMap<>();
        Map<String, List<Long>> delays = new TreeMap<>();
        for (String id : series) {
            EventMatch match = EventMatch.of(labeled.getOrDefault(id, List.of()),
                    flagged.containsKey(id) ? flagged.get(id).ranges() : List.of());
            total = total.plus(match.counts());
            match.countsByKind().forEach((kind, counts) -> byKind.merge(kind, counts, EventCounts::plus));
            for (EventMatch.LabelOutcome outcome : match.labels()) {
                if (outcome.detected()) {
                    delays.computeIfAbsent(outcome.label().kind(), k -> new ArrayList<>()).add(outcome.delay());
                }
            }
        }
        return new Evaluation(total, byKind, delays, anomalies);
    }

    /** The median delay of a kind's detected labels in ms, or -1 when none was detected. */
    public long medianDelay(String kind) {
        List<Long> list = new ArrayList<>(delays.getOrDefault(kind, List.of()));
        if (list.isEmpty()) {
            return -1;
        }
        list.sort(null);
        return list.get(list.size() / 2);
    }

    /** Labels over all kinds. */
    public long labels() {
        return total.truePositives() + total.falseNegatives();
    }
}
