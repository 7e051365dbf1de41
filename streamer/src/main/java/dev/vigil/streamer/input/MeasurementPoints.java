package dev.vigil.streamer.input;

import dev.vigil.input.MetricPoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a Telegraf or line-protocol measurement (tags, numeric fields) into points per {@link FeatureGrouping}. */
final class MeasurementPoints {

    private MeasurementPoints() {
    }

    /**
     * One univariate point per field ({@code <measurement>_<field>}, feature {@code value}), or one point with all
     * fields as features; none when there are no numeric fields. Neither format says which fields are counters.
     */
    static List<DecodedPoint> of(String measurement, Map<String, String> tags, Map<String, Double> fields,
                                 long tsMillis, DecoderOptions options) {
        if (fields.isEmpty()) {
            return List.of();
        }
        SeriesIdRule rule = options.idRule();
        if (options.grouping() == FeatureGrouping.MEASUREMENT) {
            return List.of(new DecodedPoint(rule.seriesId(measurement, tags), tsMillis, fields, tags, Set.of()));
        }
        List<DecodedPoint> points = new ArrayList<>(fields.size());
        fields.forEach((field, value) -> {
            String metric = measurement + "_" + field;
            points.add(new DecodedPoint(rule.seriesId(metric, tags), tsMillis,
                    Map.of(MetricPoint.SINGLE_FEATURE, value), tags, Set.of()));
        });
        return points;
    }
}
