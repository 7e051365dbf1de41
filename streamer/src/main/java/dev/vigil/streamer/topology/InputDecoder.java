package dev.vigil.streamer.topology;

import dev.vigil.input.BadInputException;
import dev.vigil.input.MetricPoint;
import dev.vigil.input.MetricPointParser;
import dev.vigil.streamer.output.DeadLetters.Reason;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Turns one input record into a series id and the model's feature vector, or says precisely why it cannot:
 * a missing key, an unparsable value, or features that do not match the model's.
 */
final class InputDecoder {

    private final List<String> features;

    InputDecoder(List<String> features) {
        this.features = List.copyOf(features);
    }

    /** A decoded point: the series, its event time, its values in the model's feature order, its labels. */
    record Decoded(String series, MetricPoint point, double[] values) {
    }

    /** Why a record was refused. */
    record Refusal(Reason reason, String field, String value, String expected) {
    }

    /** Either {@code decoded} or {@code refusal} is set. */
    record Outcome(Decoded decoded, Refusal refusal) {
    }

    Outcome decode(byte[] key, byte[] value) {
        if (key == null || key.length == 0) {
            return refuse(Reason.MISSING_KEY, "key", key == null ? "null" : "empty", "the series id as the record key");
        }
        String series = new String(key, StandardCharsets.UTF_8);
        MetricPoint point;
        try {
            point = MetricPointParser.parse(value);
        } catch (BadInputException e) {
            return refuse(Reason.INVALID_RECORD, e.field(), e.value(), e.expected());
        }
        List<String> missing = new ArrayList<>();
        double[] values = new double[features.size()];
        for (int f = 0; f < values.length; f++) {
            Double v = point.values().get(features.get(f));
            if (v == null) {
                missing.add(features.get(f));
            } else {
                values[f] = v;
            }
        }
        if (!missing.isEmpty()) {
            return refuse(Reason.FEATURE_MISMATCH, fieldOf(missing.get(0)), "nothing",
                    "the model's features " + features + " (missing " + missing + ")");
        }
        if (point.values().size() != features.size()) {
            TreeSet<String> extra = new TreeSet<>(point.values().keySet());
            features.forEach(extra::remove);
            return refuse(Reason.FEATURE_MISMATCH, fieldOf(extra.first()),
                    String.valueOf(point.values().get(extra.first())),
                    "only the model's features " + features + " (extra " + extra + ")");
        }
        return new Outcome(new Decoded(series, point, values), null);
    }

    private String fieldOf(String feature) {
        return features.size() == 1 && MetricPoint.SINGLE_FEATURE.equals(features.get(0))
                && MetricPoint.SINGLE_FEATURE.equals(feature) ? "value" : "values." + feature;
    }

    private static Outcome refuse(Reason reason, String field, String value, String expected) {
        return new Outcome(null, new Refusal(reason, field, value, expected));
    }
}
