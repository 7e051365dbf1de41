package dev.vigil.streamer.input;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.vigil.streamer.input.InputExamples.TS;
import static dev.vigil.streamer.input.InputExamples.assertBad;
import static dev.vigil.streamer.input.InputExamples.bytes;
import static dev.vigil.streamer.input.InputExamples.edited;
import static dev.vigil.streamer.input.InputExamples.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PrometheusJsonDecoderTest {

    final PointDecoder decoder = PointDecoders.of(InputFormat.PROMETHEUS_JSON, DecoderOptions.defaults());
    final PointDecoder keeping = PointDecoders.of(InputFormat.PROMETHEUS_JSON,
            new DecoderOptions(SeriesIdRule.allLabels(), FeatureGrouping.FIELD, true));

    static byte[] sample(String name, String value, String labels) {
        return utf8("{\"timestamp\": \"2026-01-01T00:00:00Z\", \"value\": \"" + value + "\", \"name\": \"" + name
                + "\", \"labels\": {\"__name__\": \"" + name + "\"" + labels + "}}");
    }

    @Test
    void aTotalIsOneCounterPointWithoutTheNameLabel() {
        assertEquals(List.of(new DecodedPoint(
                        "node_network_receive_bytes_total{device=eth0,instance=web-1:9100,job=node}", TS,
                        Map.of("value", 918273645.0), Map.of("device", "eth0", "instance", "web-1:9100", "job", "node"),
                        Set.of("value"))),
                decoder.decode(null, bytes("prometheus-adapter.json")));
    }

    @Test
    void otherNamesAreGauges() {
        DecodedPoint up = decoder.decode(null, sample("up", "1", ", \"job\": \"node\"")).get(0);
        assertEquals("up{job=node}", up.series());
        assertEquals(Set.of(), up.counters());
        assertEquals(Map.of("value", 1.0), up.values());
    }

    @Test
    void nanAndInfinitiesAreSkippedAndCounted() {
        for (String value : List.of("NaN", "+Inf", "-Inf")) {
            assertEquals(List.of(), decoder.decode(null, sample("up", value, "")), value);
        }
        assertEquals(3, decoder.skipped().count(SkippedValues.Reason.NON_FINITE));
        assertEquals(3, decoder.skipped().total());
    }

    @Test
    void histogramAndSummarySeriesAreSkippedByDefault() {
        List<byte[]> parts = List.of(sample("http_request_duration_seconds_bucket", "3", ", \"le\": \"0.1\""),
                sample("http_request_duration_seconds_count", "7", ""),
                sample("http_request_duration_seconds_sum", "0.9", ""),
                sample("rpc_duration_seconds", "0.02", ", \"quantile\": \"0.99\""));
        for (byte[] part : parts) {
            assertEquals(List.of(), decoder.decode(null, part));
        }
        assertEquals(4, decoder.skipped().count(SkippedValues.Reason.HISTOGRAM));
        assertEquals(1, decoder.decode(null, sample("backup_bucket", "2", "")).size(), "a _bucket without le is kept");

        List<DecodedPoint> kept = parts.stream().flatMap(part -> keeping.decode(null, part).stream()).toList();
        assertEquals(List.of(Set.of("value"), Set.of("value"), Set.of("value"), Set.of()),
                kept.stream().map(DecodedPoint::counters).toList(), "buckets, counts and sums count; quantiles do not");
        assertEquals("http_request_duration_seconds_bucket{le=0.1}", kept.get(0).series());
        assertEquals(0, keeping.skipped().total());
    }

    @Test
    void theNameMayComeFromTheNameLabelAndTheTimeAsEpochMillis() {
        DecodedPoint point = decoder.decode(null, utf8("{\"timestamp\": 1767225600000, \"value\": 2.5,"
                + " \"labels\": {\"__name__\": \"queue_depth\", \"queue\": \"orders\"}}")).get(0);
        assertEquals(new DecodedPoint("queue_depth{queue=orders}", TS, Map.of("value", 2.5), Map.of("queue", "orders"),
                Set.of()), point);
        assertEquals(TS, decoder.decode(null, edited("prometheus-adapter.json", s -> s.put("timestamp",
                "1767225600000"))).get(0).tsMillis(), "epoch millis as a string");
    }

    @Test
    void idLabelsChooseTheIdAndTheOtherLabelsStillTravel() {
        PointDecoder byInstance = PointDecoders.of(InputFormat.PROMETHEUS_JSON,
                new DecoderOptions(SeriesIdRule.of(List.of("instance")), FeatureGrouping.FIELD, false));
        DecodedPoint point = byInstance.decode(null, bytes("prometheus-adapter.json")).get(0);
        assertEquals("node_network_receive_bytes_total{instance=web-1:9100}", point.series());
        assertEquals(Set.of("device", "instance", "job"), point.labels().keySet());
    }

    @Test
    void everyBadStructureNamesItsField() {
        String number = "a number as a string";
        assertBad(decoder, null, "value", "null", "a Prometheus adapter sample");
        assertBad(decoder, utf8("not json"), "value", "not json", "valid JSON");
        assertBad(decoder, utf8("\"up\""), "value", "\"up\"", "a Prometheus adapter sample");
        assertBad(decoder, edited("prometheus-adapter.json", s -> s.put("value", "lots")), "value", "\"lots\"", number);
        assertBad(decoder, edited("prometheus-adapter.json", s -> s.put("value", "0x10")), "value", "\"0x10\"", number);
        assertBad(decoder, edited("prometheus-adapter.json", s -> s.remove("value")), "value", "nothing", number);
        assertBad(decoder, edited("prometheus-adapter.json", s -> s.putObject("value")), "value", "{}", number);
        assertBad(decoder, edited("prometheus-adapter.json", s -> s.remove("timestamp")), "timestamp", "nothing",
                "epoch milliseconds or an ISO-8601 date-time");
        assertBad(decoder, edited("prometheus-adapter.json", s -> s.put("timestamp", "yesterday")), "timestamp",
                "\"yesterday\"", "ISO-8601");
        assertBad(decoder, edited("prometheus-adapter.json", s -> s.put("timestamp", -5)), "timestamp", "-5",
                "epoch milliseconds");
        assertBad(decoder, edited("prometheus-adapter.json", s -> {
            s.remove("name");
            s.withObjectProperty("labels").remove("__name__");
        }), "name", "nothing", "a non-empty string");
        assertBad(decoder, edited("prometheus-adapter.json", s -> s.put("name", 7)), "name", "7", "a non-empty string");
        assertBad(decoder, edited("prometheus-adapter.json", s -> s.putArray("labels")), "labels", "[]",
                "an object of string to string");
        assertBad(decoder, edited("prometheus-adapter.json", s -> s.withObjectProperty("labels").putObject("job")),
                "labels.job", "{}", "a string");
    }
}
