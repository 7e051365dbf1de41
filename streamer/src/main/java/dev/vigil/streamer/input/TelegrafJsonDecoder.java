package dev.vigil.streamer.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.input.Timestamps;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Telegraf's {@code json} serializer: {@code {"fields": {...}, "name": "cpu", "tags": {...}, "timestamp": 1458229140}}
 * or the batch form {@code {"metrics": [...]}}. Numbers are values, booleans 1 or 0, string fields are skipped and
 * counted. The timestamp's unit ({@code json_timestamp_units}) is told by its magnitude, see
 * {@link #epochMillis(long)}; an ISO-8601 text ({@code json_timestamp_format}) is read too. The key is ignored.
 */
final class TelegrafJsonDecoder extends AgentDecoder {

    private static final String EXPECTED = "a Telegraf JSON metric {\"fields\", \"name\", \"tags\", \"timestamp\"}"
            + " or {\"metrics\": [...]}";
    private static final String TIMESTAMP = "a whole number of epoch seconds, milliseconds, microseconds or"
            + " nanoseconds, or an ISO-8601 date-time";

    TelegrafJsonDecoder(DecoderOptions options) {
        super(options);
    }

    @Override
    public List<DecodedPoint> decode(byte[] key, byte[] value) {
        JsonNode root = JsonInput.readObject(value, EXPECTED);
        JsonNode batch = root.get("metrics");
        if (batch == null) {
            return metric(root, "");
        }
        if (!batch.isArray()) {
            throw JsonInput.bad("metrics", batch, "an array of Telegraf JSON metrics");
        }
        List<DecodedPoint> points = new ArrayList<>();
        List<JsonNode> metrics = JsonInput.objects(root, "metrics", "metrics");
        for (int i = 0; i < metrics.size(); i++) {
            points.addAll(metric(metrics.get(i), "metrics[" + i + "]"));
        }
        return points;
    }

    private List<DecodedPoint> metric(JsonNode metric, String prefix) {
        String name = JsonInput.text(metric, "name", JsonInput.path(prefix, "name"));
        long tsMillis = timestamp(metric.get("timestamp"), JsonInput.path(prefix, "timestamp"));
        Map<String, String> tags = JsonInput.stringMap(metric, "tags", JsonInput.path(prefix, "tags"));
        Map<String, Double> fields = fields(metric.get("fields"), JsonInput.path(prefix, "fields"));
        return MeasurementPoints.of(name, tags, fields, tsMillis, options);
    }

    private Map<String, Double> fields(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw JsonInput.bad(path, node, "an object of field name to number, boolean or string");
        }
        Map<String, Double> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode v = field.getValue();
            if (v.isNumber() && Double.isFinite(v.asDouble())) {
                fields.put(field.getKey(), v.asDouble());
            } else if (v.isBoolean()) {
                fields.put(field.getKey(), v.asBoolean() ? 1.0 : 0.0);
            } else if (v.isTextual()) {
                skipped.add(SkippedValues.Reason.NON_NUMERIC);
            } else {
                throw JsonInput.bad(path + "." + field.getKey(), v, "a finite number, a boolean or a string");
            }
        }
        return fields;
    }

    private static long timestamp(JsonNode node, String path) {
        if (node != null && node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 0) {
            return epochMillis(node.asLong());
        }
        if (node != null && node.isTextual()) {
            Long parsed = Timestamps.parseIso(node.asText());
            if (parsed != null) {
                return parsed;
            }
        }
        throw JsonInput.bad(path, node, TIMESTAMP);
    }

    /**
     * Epoch milliseconds from a timestamp whose unit is told by its magnitude: below 10^11 seconds, below 10^14
     * milliseconds, below 10^17 microseconds, else nanoseconds. Right for any time from March 1973 to the year 5138.
     */
    static long epochMillis(long timestamp) {
        if (timestamp < 100_000_000_000L) {
            return timestamp * 1_000;
        }
        if (timestamp < 100_000_000_000_000L) {
            return timestamp;
        }
        if (timestamp < 100_000_000_000_000_000L) {
            return timestamp / 1_000;
        }
        return timestamp / 1_000_000;
    }
}
