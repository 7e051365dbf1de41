package dev.vigil.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses Vigil's input format: {@code {"ts": <epoch ms or ISO-8601>, "value": <number>}} or
 * {@code {"ts": ..., "values": {"<feature>": <number>, ...}}}, with optional {@code "labels": {"k": "v"}}.
 * Every problem is a {@link BadInputException} naming the field.
 */
public final class MetricPointParser {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private MetricPointParser() {
    }

    public static MetricPoint parse(byte[] json) {
        if (json == null) {
            throw new BadInputException("value", "null", "a JSON object (the record has no value)");
        }
        return parse(new String(json, StandardCharsets.UTF_8));
    }

    public static MetricPoint parse(String json) {
        if (json == null) {
            throw new BadInputException("value", "null", "a JSON object (the record has no value)");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadInputException("value", abbreviate(json), "valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException("value", abbreviate(json), "a JSON object with 'ts' and 'value' or 'values'");
        }
        long ts = parseTs(root.get("ts"));
        Map<String, Double> values = parseValues(root);
        Map<String, String> labels = parseLabels(root.get("labels"));
        return new MetricPoint(ts, values, labels);
    }

    private static long parseTs(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new BadInputException("ts", "nothing", Timestamps.EXPECTED);
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 0) {
            return node.asLong();
        }
        if (node.isTextual()) {
            Long parsed = Timestamps.parseIso(node.asText());
            if (parsed != null) {
                return parsed;
            }
        }
        throw new BadInputException("ts", abbreviate(node.toString()), Timestamps.EXPECTED);
    }

    private static Map<String, Double> parseValues(JsonNode root) {
        JsonNode single = root.get("value");
        JsonNode multi = root.get("values");
        if (single != null && multi != null) {
            throw new BadInputException("values", "both 'value' and 'values'", "exactly one of them");
        }
        if (single != null) {
            return Map.of(MetricPoint.SINGLE_FEATURE, number("value", single));
        }
        if (multi == null) {
            throw new BadInputException("value", "nothing", "'value': <number> or 'values': {<feature>: <number>}");
        }
        if (!multi.isObject() || multi.isEmpty()) {
            throw new BadInputException("values", abbreviate(multi.toString()),
                    "a non-empty object of feature name to number");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = multi.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            values.put(e.getKey(), number("values." + e.getKey(), e.getValue()));
        }
        return values;
    }

    private static double number(String field, JsonNode node) {
        if (node == null || !node.isNumber()) {
            throw new BadInputException(field, node == null ? "nothing" : abbreviate(node.toString()),
                    "a finite JSON number");
        }
        double value = node.asDouble();
        if (!Double.isFinite(value)) {
            throw new BadInputException(field, node.toString(), "a finite JSON number");
        }
        return value;
    }

    private static Map<String, String> parseLabels(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new BadInputException("labels", abbreviate(node.toString()), "an object of string to string");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new BadInputException("labels." + e.getKey(), abbreviate(e.getValue().toString()),
                        "a string");
            }
            labels.put(e.getKey(), e.getValue().asText());
        }
        return labels;
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
