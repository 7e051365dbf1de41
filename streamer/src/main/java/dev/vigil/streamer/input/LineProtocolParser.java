package dev.vigil.streamer.input;

import dev.vigil.input.BadInputException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one line of InfluxDB line protocol: {@code measurement[,tag=value...] field=value[,field=value...] timestamp}.
 * In the measurement, tag keys, tag values and field keys a backslash escapes a comma, space, equals sign or
 * backslash; string field values are double-quoted with {@code \"} and {@code \\} escapes. Field values: floats
 * ({@code 1.5}, {@code -2e3}, {@code 4}), integers ({@code 3i}), unsigned integers ({@code 3u}), booleans
 * ({@code t T true True TRUE f F false False FALSE}) and strings, which are counted, not returned. The timestamp,
 * epoch nanoseconds, is required. Errors name the field {@code line <n>}.
 */
final class LineProtocolParser {

    /** A parsed line: numeric fields as doubles, the number of string fields left out, the timestamp in ns. */
    record Line(String measurement, Map<String, String> tags, Map<String, Double> fields, int stringFields,
                long tsNanos) {
    }

    private static final Pattern FLOAT = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+i");
    private static final Pattern UNSIGNED = Pattern.compile("\\d+u");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d+");
    private static final String VALUE_KINDS = "a finite float, an integer (3i), an unsigned integer (3u), a boolean"
            + " or a double-quoted string";

    private final String text;
    private final String field;
    private int pos;

    private LineProtocolParser(String text, int number) {
        this.text = text;
        this.field = "line " + number;
    }

    /** Parses {@code text}, the {@code number}th line (from 1) of the record, without its line break. */
    static Line parse(String text, int number) {
        return new LineProtocolParser(text, number).line();
    }

    private Line line() {
        String measurement = token(",");
        if (measurement.isEmpty()) {
            throw bad(text, "a measurement name at the start of the line");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        while (peek() == ',') {
            pos++;
            int start = pos;
            String key = token("=,");
            String value = expect('=') ? token(",") : "";
            if (key.isEmpty() || value.isEmpty()) {
                throw bad(text.substring(start, pos), "a tag key=value with neither side empty");
            }
            tags.put(key, value);
        }
        skipSpaces("fields after the measurement and tags");
        Map<String, Double> fields = new LinkedHashMap<>();
        int strings = 0;
        boolean more = true;
        while (more) {
            int start = pos;
            String key = token("=,");
            if (key.isEmpty() || !expect('=')) {
                throw bad(text.substring(start, pos), "a field key=value");
            }
            Double value = value(key, start);
            if (value == null) {
                strings++;
            } else {
                fields.put(key, value);
            }
            more = expect(',');
        }
        skipSpaces("a timestamp in epoch nanoseconds after the fields");
        String ts = text.substring(pos).trim();
        Long nanos = TIMESTAMP.matcher(ts).matches() ? parseLong(ts) : null;
        if (nanos == null) {
            throw bad(ts, "a timestamp in epoch nanoseconds after the fields (a whole, non-negative number)");
        }
        return new Line(measurement, tags, fields, strings, nanos);
    }

    /** Reads up to an unescaped space or one of {@code stops}, dropping the escaping backslashes. */
    private String token(String stops) {
        StringBuilder token = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length() && ", =\\".indexOf(text.charAt(pos + 1)) >= 0) {
                token.append(text.charAt(pos + 1));
                pos += 2;
            } else if (c == ' ' || stops.indexOf(c) >= 0) {
                break;
            } else {
                token.append(c);
                pos++;
            }
        }
        return token.toString();
    }

    /** A field value as a double, or null for a string. */
    private Double value(String key, int start) {
        if (peek() == '"') {
            pos++;
            while (pos < text.length() && text.charAt(pos) != '"') {
                pos += text.charAt(pos) == '\\' ? 2 : 1;
            }
            if (pos >= text.length()) {
                throw bad(text.substring(start), "a string field value closed by a double quote");
            }
            pos++;
            return null;
        }
        int from = pos;
        while (pos < text.length() && text.charAt(pos) != ',' && text.charAt(pos) != ' ') {
            pos++;
        }
        String raw = text.substring(from, pos);
        Double value = number(raw);
        if (value == null || !Double.isFinite(value)) {
            throw bad(key + "=" + raw, VALUE_KINDS);
        }
        return value;
    }

    private static Double number(String raw) {
        if (INTEGER.matcher(raw).matches()) {
            Long value = parseLong(raw.substring(0, raw.length() - 1));
            return value == null ? null : value.doubleValue();
        }
        if (UNSIGNED.matcher(raw).matches()) {
            String digits = raw.substring(0, raw.length() - 1);
            try {
                Long.parseUnsignedLong(digits);
            } catch (NumberFormatException outOfRange) {
                return null;
            }
            return Double.parseDouble(digits);
        }
        if (FLOAT.matcher(raw).matches()) {
            return Double.parseDouble(raw);
        }
        return switch (raw) {
            case "t", "T", "true", "True", "TRUE" -> 1.0;
            case "f", "F", "false", "False", "FALSE" -> 0.0;
            default -> null;
        };
    }

    /** The number, or null when it does not fit a long. */
    private static Long parseLong(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException outOfRange) {
            return null;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\n';
    }

    private boolean expect(char c) {
        if (peek() != c) {
            return false;
        }
        pos++;
        return true;
    }

    private void skipSpaces(String expectedNext) {
        if (peek() != ' ') {
            throw bad(pos < text.length() ? text.substring(pos) : JsonInput.abbreviate(text),
                    "a space, then " + expectedNext);
        }
        while (peek() == ' ') {
            pos++;
        }
        if (pos >= text.length()) {
            throw bad(JsonInput.abbreviate(text), expectedNext);
        }
    }

    private BadInputException bad(String value, String expected) {
        return new BadInputException(field, JsonInput.abbreviate(value), expected);
    }
}
