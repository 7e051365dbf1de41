package dev.vigil.streamer.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.input.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example records under {@code input-examples/} (documented in docs/input-formats.md) and shared assertions. */
final class InputExamples {

    static final ObjectMapper JSON = new ObjectMapper();

    /** 2026-01-01T00:00:00Z, the time of every example record. */
    static final long TS = 1_767_225_600_000L;

    private InputExamples() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = InputExamples.class.getResourceAsStream("/input-examples/" + name)) {
            assertNotNull(in, "example " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON example, changed by {@code edit}. */
    static byte[] edited(String name, Consumer<ObjectNode> edit) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(bytes(name));
            edit.accept(root);
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode node(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The points by series id; fails on a duplicate id. */
    static Map<String, DecodedPoint> bySeries(List<DecodedPoint> points) {
        return points.stream().collect(Collectors.toMap(DecodedPoint::series, p -> p));
    }

    /** Asserts that decoding {@code value} is refused naming {@code field}, {@code found} and {@code expected}. */
    static BadInputException assertBad(PointDecoder decoder, byte[] value, String field, String found,
                                       String expected) {
        BadInputException e = assertThrows(BadInputException.class, () -> decoder.decode(null, value));
        assertEquals(field, e.field(), "field of: " + e.getMessage());
        assertEquals(found, e.value(), "value of: " + e.getMessage());
        assertTrue(e.expected().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        return e;
    }
}
