package dev.vigil.demo.report;

import dev.vigil.generator.Label;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The generator's labels by series, to tell which injected anomaly, if any, a raised anomaly overlaps. */
public final class LabelIndex {

    private final Map<String, List<Label>> bySeries = new HashMap<>();

    public LabelIndex(List<Label> labels) {
        labels.forEach(l -> bySeries.computeIfAbsent(l.series(), s -> new ArrayList<>()).add(l));
    }

    /** The first label of {@code series} that overlaps {@code [from, to]}, or null. */
    public Label overlapping(String series, long from, long to) {
        for (Label label : bySeries.getOrDefault(series, List.of())) {
            if (label.start() <= to && from <= label.end()) {
                return label;
            }
        }
        return null;
    }
}
