package dev.vigil.demo.watch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Reads only what the demo counts from a score record, {@code ts}, {@code status} and {@code anomaly}, with a
 * streaming parser that stops once it has them: the demo reads one score per input point.
 */
final class ScoreFields {

    private static final JsonFactory JSON = new JsonFactory();

    long ts;
    boolean warmingUp;
    boolean anomalous;

    /** Reads a score record's value; returns false when it is not a JSON object. */
    boolean read(byte[] value) {
        ts = 0;
        warmingUp = false;
        anomalous = false;
        int found = 0;
        try (JsonParser parser = JSON.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (found < 3 && parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "ts" -> {
                        ts = parser.getLongValue();
                        found++;
                    }
                    case "status" -> {
                        warmingUp = "warming_up".equals(parser.getText());
                        found += warmingUp ? 2 : 1;
                    }
                    case "anomaly" -> {
                        anomalous = token == JsonToken.VALUE_TRUE;
                        found++;
                    }
                    default -> parser.skipChildren();
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
