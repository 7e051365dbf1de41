package dev.vigil.streamer.input;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.vigil.streamer.input.InputExamples.TS;
import static dev.vigil.streamer.input.InputExamples.assertBad;
import static dev.vigil.streamer.input.InputExamples.bySeries;
import static dev.vigil.streamer.input.InputExamples.bytes;
import static dev.vigil.streamer.input.InputExamples.edited;
import static dev.vigil.streamer.input.InputExamples.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TelegrafJsonDecoderTest {

    final PointDecoder perField = PointDecoders.of(InputFormat.TELEGRAF_JSON, DecoderOptions.defaults());
    final PointDecoder perMeasurement = PointDecoders.of(InputFormat.TELEGRAF_JSON,
            new DecoderOptions(SeriesIdRule.allLabels(), FeatureGrouping.MEASUREMENT, false));

    @Test
    void eachFieldIsAUnivariateSeriesByDefault() {
        Map<String, DecodedPoint> points = bySeries(perField.decode(null, bytes("telegraf.json")));
        assertEquals(Set.of("cpu_usage_guest{cpu=cpu0,host=web-1}", "cpu_usage_idle{cpu=cpu0,host=web-1}",
                "cpu_usage_iowait{cpu=cpu0,host=web-1}", "cpu_usage_system{cpu=cpu0,host=web-1}",
                "cpu_usage_user{cpu=cpu0,host=web-1}"), points.keySet());
        assertEquals(new DecodedPoint("cpu_usage_idle{cpu=cpu0,host=web-1}", TS, Map.of("value", 97.3),
                Map.of("cpu", "cpu0", "host", "web-1"), Set.of()), points.get("cpu_usage_idle{cpu=cpu0,host=web-1}"));
    }

    @Test
    void groupedByMeasurementTheFieldsAreFeaturesOfOneSeries() {
        List<DecodedPoint> points = perMeasurement.decode(null, bytes("telegraf.json"));
        assertEquals(List.of(new DecodedPoint("cpu{cpu=cpu0,host=web-1}", TS, Map.of("usage_guest", 0.0,
                "usage_idle", 97.3, "usage_iowait", 0.25, "usage_system", 1.2, "usage_user", 1.25),
                Map.of("cpu", "cpu0", "host", "web-1"), Set.of())), points);
    }

    @Test
    void aBatchFansOutAndSkipsStringFields() {
        List<DecodedPoint> points = perField.decode(null, bytes("telegraf-batch.json"));
        assertEquals(12, points.size(), "3 cpu + 2 mem + 4 numeric system + 3 smart_device fields");
        assertEquals(1, perField.skipped().count(SkippedValues.Reason.NON_NUMERIC), "uptime_format is a string");
        Map<String, DecodedPoint> bySeries = bySeries(points);
        assertEquals(Map.of("value", 1.0),
                bySeries.get("smart_device_health_ok{device=sda,host=web-1,model=Samsung SSD 870}").values(),
                "a boolean true is 1");
        assertEquals(Map.of("value", 6.5536E9), bySeries.get("mem_used{host=web-1}").values());

        List<DecodedPoint> grouped = perMeasurement.decode(null, bytes("telegraf-batch.json"));
        assertEquals(List.of("cpu{cpu=cpu-total,host=web-1}", "mem{host=web-1}", "system{host=web-1}",
                "smart_device{device=sda,host=web-1,model=Samsung SSD 870}"),
                grouped.stream().map(DecodedPoint::series).toList());
        assertEquals(Set.of("load1", "load5", "n_cpus", "uptime"), grouped.get(2).values().keySet());
        assertEquals(0, PointDecoders.of(InputFormat.TELEGRAF_JSON, DecoderOptions.defaults()).skipped().total(),
                "each decoder counts its own skips");
    }

    @Test
    void theTimestampUnitIsToldByMagnitude() {
        for (String ts : List.of("1767225600", "1767225600000", "1767225600000000", "1767225600000000000",
                "\"2026-01-01T00:00:00Z\"")) {
            byte[] record = utf8("{\"fields\":{\"x\":1},\"name\":\"m\",\"timestamp\":" + ts + "}");
            assertEquals(TS, perField.decode(null, record).get(0).tsMillis(), ts);
        }
        assertEquals(99_999_999_999_000L, TelegrafJsonDecoder.epochMillis(99_999_999_999L), "below 1e11: seconds");
        assertEquals(100_000_000_000L, TelegrafJsonDecoder.epochMillis(100_000_000_000L), "from 1e11: milliseconds");
        assertEquals(100_000_000_000L, TelegrafJsonDecoder.epochMillis(100_000_000_000_000L), "from 1e14: us");
        assertEquals(100_000_000_000L, TelegrafJsonDecoder.epochMillis(100_000_000_000_000_000L), "from 1e17: ns");
    }

    @Test
    void idLabelsChooseTheIdAndTheOtherTagsStillTravel() {
        PointDecoder byHost = PointDecoders.of(InputFormat.TELEGRAF_JSON,
                new DecoderOptions(SeriesIdRule.of(List.of("host")), FeatureGrouping.FIELD, false));
        DecodedPoint idle = bySeries(byHost.decode(null, bytes("telegraf.json"))).get("cpu_usage_idle{host=web-1}");
        assertEquals(Map.of("cpu", "cpu0", "host", "web-1"), idle.labels());
    }

    @Test
    void aMetricWithOnlyStringFieldsGivesNoPoints() {
        assertEquals(List.of(), perField.decode(null,
                utf8("{\"fields\":{\"status\":\"ok\"},\"name\":\"svc\",\"timestamp\":1767225600}")));
        assertEquals(1, perField.skipped().count(SkippedValues.Reason.NON_NUMERIC));
    }

    @Test
    void everyBadStructureNamesItsField() {
        assertBad(perField, null, "value", "null", "a Telegraf JSON metric");
        assertBad(perField, utf8("{\"name\": "), "value", "{\"name\": ", "valid JSON");
        assertBad(perField, utf8("[1, 2]"), "value", "[1,2]", "a Telegraf JSON metric");
        assertBad(perField, edited("telegraf.json", m -> m.remove("name")), "name", "nothing", "a non-empty string");
        assertBad(perField, edited("telegraf.json", m -> m.put("name", "")), "name", "\"\"", "a non-empty string");
        assertBad(perField, edited("telegraf.json", m -> m.remove("fields")), "fields", "nothing",
                "an object of field name to number, boolean or string");
        assertBad(perField, edited("telegraf.json", m -> m.withObjectProperty("fields").putNull("usage_idle")),
                "fields.usage_idle", "null", "a finite number, a boolean or a string");
        assertBad(perField, edited("telegraf.json", m -> m.withObjectProperty("fields").putObject("usage_idle")),
                "fields.usage_idle", "{}", "a finite number, a boolean or a string");
        assertBad(perField, edited("telegraf.json", m -> m.withObjectProperty("tags").putArray("host")), "tags.host",
                "[]", "a string");
        assertBad(perField, edited("telegraf.json", m -> m.put("tags", "host=web-1")), "tags", "\"host=web-1\"",
                "an object of string to string");
        assertBad(perField, edited("telegraf.json", m -> m.remove("timestamp")), "timestamp", "nothing",
                "epoch seconds, milliseconds, microseconds or nanoseconds");
        assertBad(perField, edited("telegraf.json", m -> m.put("timestamp", -1)), "timestamp", "-1", "epoch seconds");
        assertBad(perField, edited("telegraf.json", m -> m.put("timestamp", 1767225600.5)), "timestamp",
                "1.7672256005E9", "a whole number");
        assertBad(perField, edited("telegraf.json", m -> m.put("timestamp", "yesterday")), "timestamp",
                "\"yesterday\"", "ISO-8601");
    }

    @Test
    void everyBadBatchStructureNamesItsField() {
        assertBad(perField, utf8("{\"metrics\": {}}"), "metrics", "{}", "an array of Telegraf JSON metrics");
        assertBad(perField, edited("telegraf-batch.json", b -> b.withArrayProperty("metrics").insert(1, 7)),
                "metrics[1]", "7", "an object");
        assertBad(perField, edited("telegraf-batch.json",
                        b -> ((ObjectNode) b.withArrayProperty("metrics").get(2))
                                .withObjectProperty("fields").put("load1", "high").putArray("load5")),
                "metrics[2].fields.load5", "[]", "a finite number");
        assertEquals(List.of(), perField.decode(null, utf8("{\"metrics\": []}")), "an empty batch has no points");
    }
}
