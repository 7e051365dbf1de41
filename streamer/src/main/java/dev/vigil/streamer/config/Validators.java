package dev.vigil.streamer.config;

import org.apache.kafka.common.config.ConfigDef.Validator;
import org.apache.kafka.common.config.ConfigException;

import java.util.List;
import java.util.regex.Pattern;

/** Validators {@link org.apache.kafka.common.config.ConfigDef} lacks; each names its valid values in {@code toString}. */
final class Validators {

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private Validators() {
    }

    /** A number in the interval from {@code min} (excluded) to {@code max} (included when {@code maxIncluded}). */
    static Validator aboveAndAtMost(double min, double max, boolean maxIncluded) {
        String range = "(" + min + ", " + max + (maxIncluded ? "]" : ")");
        return new Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                double number = ((Number) value).doubleValue();
                if (!(number > min && (maxIncluded ? number <= max : number < max))) {
                    throw new ConfigException(name, value, "Value must be in " + range);
                }
            }

            @Override
            public String toString() {
                return range;
            }
        };
    }

    /** One of {@code values}, in any case. */
    static Validator oneOfIgnoringCase(String... values) {
        List<String> valid = List.of(values);
        return new Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value == null || valid.stream().noneMatch(v -> v.equalsIgnoreCase(value.toString()))) {
                    throw new ConfigException(name, value, "Value must be one of " + valid + " (any case)");
                }
            }

            @Override
            public String toString() {
                return valid + " (any case)";
            }
        };
    }

    /** A legal Kafka topic name: 1 to 249 of {@code a-z A-Z 0-9 . _ -}, not {@code .} or {@code ..}. */
    static Validator topicName() {
        return new Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                String topic = (String) value;
                if (topic == null || !TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
                    throw new ConfigException(name, value,
                            "Not a topic name: 1 to 249 of the characters a-z A-Z 0-9 . _ -");
                }
            }

            @Override
            public String toString() {
                return "topic name";
            }
        };
    }
}
