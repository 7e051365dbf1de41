package dev.vigil.input;

import java.util.Map;

/**
 * One sample of one series, as it arrives on the metrics topic.
 *
 * @param tsMillis event time, epoch milliseconds
 * @param values   feature name to value; a {@code "value"} record has the single feature {@value #SINGLE_FEATURE}
 * @param labels   free-form labels that travel to anomaly events; empty when absent
 */
public record MetricPoint(long tsMillis, Map<String, Double> values, Map<String, String> labels) {

    /** Feature name of the univariate form {@code {"ts": ..., "value": ...}}. */
    public static final String SINGLE_FEATURE = "value";

    public MetricPoint {
        values = Map.copyOf(values);
        labels = Map.copyOf(labels);
    }
}
