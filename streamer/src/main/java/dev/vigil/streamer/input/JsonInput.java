package dev.vigil.streamer.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.input.BadInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading the JSON formats with Jackson's tree model; every problem is a {@link BadInputException}. */
final class JsonInput {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonInput() {
    }

    /** The record value as a JSON object; {@code expected} describes the format for the error. */
    static JsonNode readObject(byte[] value, String expected) {
        if (value == null) {
            throw new BadInputException("value", "null", expected + " (the record has no value)");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new BadInputException("value", abbreviate(new String(value, StandardCharsets.UTF_8)),
                    "valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new BadInputException("value", "unreadable bytes", "valid JSON (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw bad("value", root, expected);
        }
        return root;
    }

    static BadInputException bad(String field, JsonNode found, String expected) {
        String value = found == null || found.isMissingNode() ? "nothing" : abbreviate(found.toString());
        return new BadInputException(field, value, expected);
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** {@code prefix.name}, or {@code name} at the top level. */
    static String path(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** A required, non-empty string member. */
    static String text(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw bad(path, node, "a non-empty string");
        }
        return node.asText();
    }

    /** An optional array member of objects: its elements, none when absent or null. */
    static List<JsonNode> objects(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw bad(path, node, "an array of objects");
        }
        List<JsonNode> elements = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isObject()) {
                throw bad(path + "[" + i + "]", node.get(i), "an object");
            }
            elements.add(node.get(i));
        }
        return elements;
    }

    /** An optional object member of scalar values, read as text; empty when absent or null. */
    static Map<String, String> stringMap(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        Map<String, String> map = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return map;
        }
        if (!node.isObject()) {
            throw bad(path, node, "an object of string to string");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw bad(path + "." + e.getKey(), e.getValue(), "a string");
            }
            map.put(e.getKey(), e.getValue().asText());
        }
        return map;
    }
}
