package dev.vigil.streamer.output;

import java.util.List;
import java.util.Map;

/**
 * The forecast path made for one series in one batch: H steps after {@code origin}, the timestamp of the window's
 * last step.
 */
public record ForecastRecord(String series, long origin, List<Step> steps, String modelVersion) {

    public ForecastRecord {
        steps = List.copyOf(steps);
    }

    /** One forecast step: its timestamp and the forecast value of every target. */
    public record Step(long ts, Map<String, Double> values) {
    }
}
