package dev.vigil.streamer.input;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The scalar encodings of OTLP/JSON: 64-bit integers as strings (numbers are read too), doubles as numbers or the
 * strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, attributes as {@code {key, value: {...Value}}}.
 */
final class OtlpValues {

    /** {@code DataPointFlags.FLAG_NO_RECORDED_VALUE}. */
    static final int NO_RECORDED_VALUE = 1;

    private static final String NANOS = "epoch nanoseconds as a string of digits, e.g. \"1767225600000000000\"";
    private static final Set<String> SCALARS = Set.of("stringValue", "boolValue", "intValue", "doubleValue");

    private OtlpValues() {
    }

    /** The {@code attributes} of {@code parent} as labels; dots in keys become underscores. */
    static Map<String, String> attributes(JsonNode parent, String path) {
        Map<String, String> labels = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode attribute : JsonInput.objects(parent, "attributes", path)) {
            String at = path + "[" + i++ + "]";
            String key = JsonInput.text(attribute, "key", at + ".key").replace('.', '_');
            JsonNode value = attribute.get("value");
            if (value != null && !value.isNull() && !value.isObject()) {
                throw JsonInput.bad(at + ".value", value, "an AnyValue object such as {\"stringValue\": \"web-1\"}");
            }
            labels.put(key, value == null || value.isNull() ? "" : text(value));
        }
        return labels;
    }

    /** A scalar AnyValue as its text; an array, key-value list or bytes as their JSON. */
    private static String text(JsonNode value) {
        for (String scalar : SCALARS) {
            if (value.has(scalar) && value.get(scalar).isValueNode()) {
                return value.get(scalar).asText();
            }
        }
        return value.isEmpty() ? "" : value.elements().next().toString();
    }

    /** A required, positive time in epoch nanoseconds. */
    static long nanos(JsonNode parent, String name, String path) {
        Long nanos = integer(parent.get(name));
        if (nanos == null || nanos <= 0) {
            throw JsonInput.bad(path, parent.get(name), NANOS);
        }
        return nanos;
    }

    /** An optional non-negative integer, 0 when absent (proto3 JSON leaves out zeros). */
    static long count(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        Long count = node == null ? Long.valueOf(0) : integer(node);
        if (count == null || count < 0) {
            throw JsonInput.bad(path, node, "a non-negative integer as a string, e.g. \"42\"");
        }
        return count;
    }

    /** An {@code asInt}: a 64-bit integer as a string or a number. */
    static double asInt(JsonNode node, String path) {
        Long value = integer(node);
        if (value == null) {
            throw JsonInput.bad(path, node, "a 64-bit integer as a string, e.g. \"42\"");
        }
        return value;
    }

    /** A double as a number or a string; null when it is NaN or infinite. */
    static Double asDouble(JsonNode node, String path) {
        double value;
        if (node != null && node.isNumber()) {
            value = node.asDouble();
        } else if (node != null && node.isTextual()) {
            try {
                value = Double.parseDouble(node.asText().trim());
            } catch (NumberFormatException e) {
                throw JsonInput.bad(path, node, "a number, \"NaN\", \"Infinity\" or \"-Infinity\"");
            }
        } else {
            throw JsonInput.bad(path, node, "a number, \"NaN\", \"Infinity\" or \"-Infinity\"");
        }
        return Double.isFinite(value) ? value : null;
    }

    /** An optional boolean, false when absent. */
    static boolean bool(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node != null && !node.isBoolean()) {
            throw JsonInput.bad(path, node, "true or false");
        }
        return node != null && node.asBoolean();
    }

    /** Whether {@code aggregationTemporality} is CUMULATIVE (2) rather than DELTA (1); names are read too. */
    static boolean cumulative(JsonNode data, String path) {
        JsonNode node = data.get("aggregationTemporality");
        if (node != null && (node.isIntegralNumber() && node.asLong() == 2
                || "AGGREGATION_TEMPORALITY_CUMULATIVE".equals(node.asText()))) {
            return true;
        }
        if (node != null && (node.isIntegralNumber() && node.asLong() == 1
                || "AGGREGATION_TEMPORALITY_DELTA".equals(node.asText()))) {
            return false;
        }
        throw JsonInput.bad(path, node, "1 (DELTA) or 2 (CUMULATIVE)");
    }

    /** The data point's flags, 0 when absent. */
    static int flags(JsonNode point, String path) {
        JsonNode node = point.get("flags");
        if (node != null && !(node.isIntegralNumber() && node.canConvertToInt() && node.asInt() >= 0)) {
            throw JsonInput.bad(path, node, "a non-negative integer");
        }
        return node == null ? 0 : node.asInt();
    }

    private static Long integer(JsonNode node) {
        if (node != null && node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node != null && node.isTextual()) {
            try {
                return Long.parseLong(node.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
