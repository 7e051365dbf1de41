package dev.vigil.streamer.output;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * Headers of a dead-lettered record. The value and key stay exactly as they arrived; the headers say why, which
 * field, what was found and what was expected, and where the record came from.
 */
public final class DeadLetters {

    public static final String REASON = "vigil.error.reason";
    public static final String FIELD = "vigil.error.field";
    public static final String VALUE = "vigil.error.value";
    public static final String EXPECTED = "vigil.error.expected";
    public static final String SOURCE_TOPIC = "vigil.source.topic";
    public static final String SOURCE_PARTITION = "vigil.source.partition";
    public static final String SOURCE_OFFSET = "vigil.source.offset";

    /** Why a record was dead-lettered. */
    public enum Reason {
        MISSING_KEY("missing-key"),
        INVALID_RECORD("invalid-record"),
        FEATURE_MISMATCH("feature-mismatch"),
        DUPLICATE_TIMESTAMP("duplicate-timestamp"),
        LATE_TIMESTAMP("late-timestamp"),
        FUTURE_TIMESTAMP("future-timestamp");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private DeadLetters() {
    }

    public static Headers headers(Headers original, Reason reason, String field, String value, String expected,
                                  String topic, int partition, long offset) {
        RecordHeaders headers = new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
        add(headers, REASON, reason.code());
        add(headers, FIELD, field);
        add(headers, VALUE, value);
        add(headers, EXPECTED, expected);
        add(headers, SOURCE_TOPIC, topic);
        add(headers, SOURCE_PARTITION, Integer.toString(partition));
        add(headers, SOURCE_OFFSET, Long.toString(offset));
        return headers;
    }

    /** A header's value as text, or null when absent. */
    public static String header(Headers headers, String key) {
        var header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(RecordHeaders headers, String key, String value) {
        headers.remove(key);
        headers.add(key, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }
}
