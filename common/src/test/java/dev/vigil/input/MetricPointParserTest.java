package dev.vigil.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The input records Vigil accepts; refusals are in {@link MetricPointParserBadInputTest}. */
class MetricPointParserTest {

    /** 2026-01-31T12:00:00Z in epoch milliseconds. */
    private static final long NOON = 1_769_860_800_000L;

    @Test
    void aUnivariateRecordHasTheSingleFeatureValue() {
        MetricPoint p = MetricPointParser.parse("{\"ts\": 1700000000000, \"value\": 1.5}");

        assertEquals(1_700_000_000_000L, p.tsMillis(), "epoch-millisecond ts");
        assertEquals(Map.of(MetricPoint.SINGLE_FEATURE, 1.5), p.values(), "\"value\" is the feature \"value\"");
        assertEquals(Map.of(), p.labels(), "no labels given means empty labels");
    }

    @Test
    void aMultivariateRecordHasOneFeaturePerKey() {
        MetricPoint p = MetricPointParser.parse(
                "{\"ts\": 1700000000000, \"values\": {\"cpu\": 0.75, \"mem\": 2048, \"latency\": -1e-3}}");

        assertEquals(Map.of("cpu", 0.75, "mem", 2048.0, "latency", -0.001), p.values(),
                "each key of \"values\" is a feature; integers are read as doubles");
    }

    @Test
    void bytesAreReadAsUtf8() {
        MetricPoint p = MetricPointParser.parse(
                "{\"ts\": 0, \"value\": 2, \"labels\": {\"host\": \"zürich-1\"}}".getBytes(StandardCharsets.UTF_8));

        assertEquals(0L, p.tsMillis(), "ts 0 (the epoch) is a valid timestamp");
        assertEquals(Map.of("host", "zürich-1"), p.labels(), "non-ASCII label text must survive");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-31T12:00:00Z", "2026-01-31T13:00:00+01:00", "2026-01-31T07:00:00-05:00",
            "2026-01-31T12:00:00", "2026-01-31T12:00", " 2026-01-31T12:00:00Z "})
    void isoTimestampsAreReadAsTheSameInstant(String ts) {
        MetricPoint p = MetricPointParser.parse("{\"ts\": \"" + ts + "\", \"value\": 1}");

        assertEquals(NOON, p.tsMillis(), "ts \"" + ts + "\" (a local date-time is UTC)");
    }

    @Test
    void isoTimestampsKeepMilliseconds() {
        MetricPoint p = MetricPointParser.parse("{\"ts\": \"2026-01-31T12:00:00.250Z\", \"value\": 1}");

        assertEquals(NOON + 250, p.tsMillis(), "fractional seconds must not be dropped");
    }

    @Test
    void labelsTravelWithThePoint() {
        MetricPoint p = MetricPointParser.parse("{\"ts\": 1, \"value\": 1, "
                + "\"labels\": {\"host\": \"web-1\", \"region\": \"eu\", \"shard\": 3, \"canary\": true}}");

        assertEquals(Map.of("host", "web-1", "region", "eu", "shard", "3", "canary", "true"), p.labels(),
                "string labels as given; number and boolean labels as their text");
    }

    @Test
    void nullLabelsAreNoLabels() {
        MetricPoint p = MetricPointParser.parse("{\"ts\": 1, \"value\": 1, \"labels\": null}");

        assertEquals(Map.of(), p.labels(), "\"labels\": null");
    }

    @Test
    void unknownFieldsAreIgnored() {
        MetricPoint p = MetricPointParser.parse("{\"ts\": 1, \"value\": 4, \"unit\": \"ms\", \"source\": {\"a\": 1}}");

        assertEquals(Map.of("value", 4.0), p.values(), "fields other than ts, value(s) and labels are skipped");
    }

    @Test
    void aNegativeOrHugeValueIsStillANumber() {
        assertEquals(-1.0e300, MetricPointParser.parse("{\"ts\": 1, \"value\": -1e300}").values().get("value"),
                "large finite values are accepted");
        assertEquals(1e20, MetricPointParser.parse("{\"ts\": 1, \"value\": 100000000000000000000}")
                .values().get("value"), 1e5, "an integer beyond long range is still a finite number");
    }

    @Test
    void theFieldOrderDoesNotMatter() {
        MetricPoint p = MetricPointParser.parse("{\"labels\": {\"k\": \"v\"}, \"value\": 3, \"ts\": 5}");

        assertEquals(5L, p.tsMillis(), "ts after the values");
        assertEquals(Map.of("value", 3.0), p.values(), "value before ts");
    }
}
