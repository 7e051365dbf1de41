package dev.vigil.streamer.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.input.DecoderOptions;
import dev.vigil.streamer.input.InputFormat;
import dev.vigil.streamer.input.PointDecoders;
import dev.vigil.streamer.output.DeadLetters;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Agent formats are decoded, fanned out to one series per field, re-keyed by series id, and scored. */
class AgentFormatTopologyTest {

    @TempDir
    Path stateDir;

    TopologyFixture fixture(InputFormat format) {
        return new TopologyFixture(TopologyFixture.settings(1), MeanForecaster.univariate(4, 3), stateDir,
                new VigilTopology.FanOut(PointDecoders.of(format, DecoderOptions.defaults()), "vigil-points"));
    }

    @Test
    void lineProtocolRecordsFanOutToOneSeriesPerField() {
        try (TopologyFixture fixture = fixture(InputFormat.INFLUX_LINE)) {
            for (int t = 0; t < 6; t++) {
                long ns = (1_700_000_000L + t) * 1_000_000_000L;
                fixture.send(null, String.format(Locale.ROOT,
                        "cpu,host=web-1,cpu=cpu0 usage_idle=%s,usage_user=%s %d%n"
                        + "cpu,host=web-2,cpu=cpu0 usage_idle=%s,usage_user=%s %d",
                        90 + t % 2, 5 + t % 2, ns, 80 + t % 2, 15 + t % 2, ns));
            }
            List<TestRecord<byte[], byte[]>> scores = fixture.scores.readRecordsToList();
            Map<String, Long> perSeries = scores.stream().collect(Collectors.groupingBy(
                    r -> new String(r.key()), Collectors.counting()));
            assertEquals(Map.of("cpu_usage_idle{cpu=cpu0,host=web-1}", 6L, "cpu_usage_user{cpu=cpu0,host=web-1}", 6L,
                    "cpu_usage_idle{cpu=cpu0,host=web-2}", 6L, "cpu_usage_user{cpu=cpu0,host=web-2}", 6L), perSeries,
                    "2 lines x 2 fields = 4 series, one score per point");
            JsonNode last = TopologyFixture.parse(scores.get(scores.size() - 1).value());
            assertEquals("scored", last.get("status").asText(), "after the 4-point warm-up points are scored");
        }
    }

    @Test
    void undecodableRecordsAreDeadLetteredWithTheDecodersReason() {
        try (TopologyFixture fixture = fixture(InputFormat.INFLUX_LINE)) {
            fixture.send(null, "cpu,host=web-1 usage_idle=abc 1700000000000000000");
            List<TestRecord<byte[], byte[]>> dead = fixture.deadLetters.readRecordsToList();
            assertEquals(1, dead.size());
            assertEquals("invalid-record", TopologyFixture.header(dead.get(0), DeadLetters.REASON));
            assertTrue(!TopologyFixture.header(dead.get(0), DeadLetters.FIELD).isBlank(), "names the field");
            assertTrue(fixture.scores.isEmpty());
        }
    }

    @Test
    void prometheusCountersBecomePerSecondRates() {
        try (TopologyFixture fixture = fixture(InputFormat.PROMETHEUS_JSON)) {
            double[] totals = {1000, 1010, 1030, 1040, 1060, 1070, 5};
            for (int t = 0; t < totals.length; t++) {
                fixture.send(null, String.format(Locale.ROOT, "{\"timestamp\": \"2026-01-01T00:00:%02dZ\", "
                        + "\"value\": \"%s\", \"name\": \"http_requests_total\", \"labels\": {\"__name__\": "
                        + "\"http_requests_total\", \"job\": \"api\"}}", t, totals[t]));
            }
            List<JsonNode> scores = TopologyFixture.json(fixture.scores);
            assertEquals(totals.length, scores.size(), "one score record per input point, the priming one included");
            assertEquals("warming_up", scores.get(0).get("status").asText());
            assertEquals(0, scores.get(0).get("samples").asInt(), "the first counter value only primes the rate");
            JsonNode firstScored = scores.get(5);
            assertEquals("scored", firstScored.get("status").asText());
            assertEquals(10.0, firstScored.get("actual").get("value").asDouble(), 1e-9, "1070 - 1060 over 1 s");
            assertEquals(5.0, scores.get(6).get("actual").get("value").asDouble(), 1e-9,
                    "a drop to 5 is a counter reset: 5 since zero over 1 s");
            assertEquals("http_requests_total{job=api}", scores.get(0).get("series").asText(),
                    "series id: metric name and sorted labels");
        }
    }
}
