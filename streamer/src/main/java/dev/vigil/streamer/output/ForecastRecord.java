package dev.vigil.streamer.output;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The forecast path made for one series in one batch: H steps after {@code origin}, the timestamp of the window's
 * last step. Held as the flat path the batcher computes ({@code path[h * targets + t]}, in the series' units), one
 * per input point, so no per-step objects are built to write it; on the topic it reads as {@link #steps()}.
 */
@JsonPropertyOrder({"series", "origin", "steps", "modelVersion"})
public record ForecastRecord(String series, long origin, @JsonIgnore long stepMillis,
                             @JsonIgnore List<String> targets, @JsonIgnore double[] path, String modelVersion) {

    public ForecastRecord {
        targets = List.copyOf(targets);
        if (path.length % Math.max(1, targets.size()) != 0) {
            throw new IllegalArgumentException("a forecast path of " + path.length + " values does not hold whole "
                    + "steps of " + targets.size() + " targets");
        }
    }

    /** Forecast steps: H, or 0 for a model without targets. */
    @JsonIgnore
    public int horizon() {
        return targets.isEmpty() ? 0 : path.length / targets.size();
    }

    /** The timestamp of step {@code h} (0-based): {@code origin + (h + 1) * stepMillis}. */
    public long stepTs(int h) {
        return origin + (h + 1) * stepMillis;
    }

    /** The value of target {@code t} at step {@code h} (0-based). */
    public double value(int h, int t) {
        return path[h * targets.size() + t];
    }

    /** The path as the topic shows it: one entry per step, its timestamp and every target's value. */
    @JsonProperty("steps")
    public List<Step> steps() {
        List<Step> steps = new ArrayList<>(horizon());
        for (int h = 0; h < horizon(); h++) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (int t = 0; t < targets.size(); t++) {
                values.put(targets.get(t), value(h, t));
            }
            steps.add(new Step(stepTs(h), values));
        }
        return steps;
    }

    /** One forecast step: its timestamp and the forecast value of every target. */
    public record Step(long ts, @JsonSerialize(contentUsing = ModelPrecision.class) Map<String, Double> values) {
    }
}
