package dev.vigil.streamer.input;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One point of one series decoded from an input record.
 *
 * @param series   series id (see {@link SeriesIdRule}); for {@link InputFormat#VIGIL_JSON} the record key
 * @param tsMillis event time, epoch milliseconds
 * @param values   feature name to a finite value; {@code "value"} for univariate series
 * @param labels   labels that travel with the point, including those not in the series id
 * @param counters features whose values are monotonic counters (the streamer turns them into per-second rates)
 */
public record DecodedPoint(String series, long tsMillis, Map<String, Double> values, Map<String, String> labels,
                           Set<String> counters) {

    public DecodedPoint {
        Objects.requireNonNull(series, "series");
        values = Map.copyOf(values);
        labels = Map.copyOf(labels);
        counters = Set.copyOf(counters);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a point needs at least one value: " + series);
        }
        if (!values.keySet().containsAll(counters)) {
            throw new IllegalArgumentException("counters " + counters + " are not all features of " + values.keySet());
        }
    }
}
