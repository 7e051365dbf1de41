package dev.vigil.streamer.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.input.MetricPoint;
import dev.vigil.input.Timestamps;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The JSON of the Prometheus remote-write-to-Kafka adapter, one sample per record: {@code {"timestamp":
 * "2026-01-31T12:00:00Z", "value": "42", "name": "up", "labels": {"__name__": "up", "job": "node"}}}. The value is a
 * string (a JSON number is read too); NaN and infinities are skipped and counted. Names ending in {@code _total} are
 * counters. Histogram and summary series (names ending in {@code _bucket} with an {@code le} label, {@code _count} or
 * {@code _sum}, and series with a {@code quantile} label) are skipped and counted unless histograms are kept; kept,
 * all but the quantile series are counters. {@code __name__} is not a label. The key is ignored.
 */
final class PrometheusJsonDecoder extends AgentDecoder {

    private static final String EXPECTED =
            "a Prometheus adapter sample {\"timestamp\", \"value\", \"name\", \"labels\"}";
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Set<String> NON_FINITE = Set.of("NaN", "+Inf", "-Inf", "Inf", "Infinity", "+Infinity",
            "-Infinity");

    PrometheusJsonDecoder(DecoderOptions options) {
        super(options);
    }

    @Override
    public List<DecodedPoint> decode(byte[] key, byte[] value) {
        JsonNode sample = JsonInput.readObject(value, EXPECTED);
        Map<String, String> labels = JsonInput.stringMap(sample, "labels", "labels");
        String nameLabel = labels.remove("__name__");
        String name = sample.has("name") || nameLabel == null ? JsonInput.text(sample, "name", "name") : nameLabel;
        long tsMillis = timestamp(sample.get("timestamp"));
        Double number = number(sample.get("value"));
        boolean histogram = name.endsWith("_bucket") && labels.containsKey("le") || name.endsWith("_count")
                || name.endsWith("_sum") || labels.containsKey("quantile");
        if (histogram && !options.keepHistograms()) {
            skipped.add(SkippedValues.Reason.HISTOGRAM);
            return List.of();
        }
        if (number == null) {
            skipped.add(SkippedValues.Reason.NON_FINITE);
            return List.of();
        }
        boolean counter = name.endsWith("_total") || histogram && !labels.containsKey("quantile");
        return List.of(new DecodedPoint(options.idRule().seriesId(name, labels), tsMillis,
                Map.of(MetricPoint.SINGLE_FEATURE, number), labels,
                counter ? Set.of(MetricPoint.SINGLE_FEATURE) : Set.of()));
    }

    private static long timestamp(JsonNode node) {
        Long millis = null;
        if (node != null && node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 0) {
            millis = node.asLong();
        } else if (node != null && node.isTextual()) {
            millis = Timestamps.parseIso(node.asText());
            millis = millis != null ? millis : Timestamps.parseEpochMillis(node.asText());
        }
        if (millis == null) {
            throw JsonInput.bad("timestamp", node, Timestamps.EXPECTED);
        }
        return millis;
    }

    /** The sample's value, or null when it is NaN or infinite. */
    private static Double number(JsonNode node) {
        if (node != null && node.isNumber()) {
            return Double.isFinite(node.asDouble()) ? node.asDouble() : null;
        }
        if (node != null && node.isTextual()) {
            String text = node.asText().trim();
            if (NON_FINITE.contains(text)) {
                return null;
            }
            if (NUMBER.matcher(text).matches()) {
                double value = Double.parseDouble(text);
                return Double.isFinite(value) ? value : null;
            }
        }
        throw JsonInput.bad("value", node, "a number as a string, e.g. \"42\", \"1.5e-3\", \"NaN\" or \"+Inf\"");
    }
}
