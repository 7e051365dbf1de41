package dev.vigil.streamer.input;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static dev.vigil.streamer.input.InputExamples.TS;
import static dev.vigil.streamer.input.InputExamples.assertBad;
import static dev.vigil.streamer.input.InputExamples.bySeries;
import static dev.vigil.streamer.input.InputExamples.bytes;
import static dev.vigil.streamer.input.InputExamples.edited;
import static dev.vigil.streamer.input.InputExamples.node;
import static dev.vigil.streamer.input.InputExamples.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

class OtlpJsonDecoderTest {

    static final String METRICS = "resourceMetrics[0].scopeMetrics[0].metrics";
    static final String REQUESTS = "http.server.requests"
            + "{host_name=web-1,http_response_status_code=200,http_route=/cart,service_name=checkout}";
    static final String CPU_USER = "system.cpu.utilization{cpu=cpu0,host_name=web-1,service_name=checkout,state=user}";

    final PointDecoder decoder = PointDecoders.of(InputFormat.OTLP_JSON, DecoderOptions.defaults());
    final PointDecoder keeping = PointDecoders.of(InputFormat.OTLP_JSON,
            new DecoderOptions(SeriesIdRule.allLabels(), FeatureGrouping.FIELD, true));

    /** The example with {@code edit} applied to the node at {@code pointer} below metric {@code m}. */
    static byte[] at(int m, String pointer, Consumer<ObjectNode> edit) {
        return edited("otlp-metrics.json",
                root -> edit.accept((ObjectNode) root.at("/resourceMetrics/0/scopeMetrics/0/metrics/" + m + pointer)));
    }

    /** The example with {@code edit} applied to the node at {@code pointer} below the first resource metrics. */
    static byte[] resource(String pointer, Consumer<ObjectNode> edit) {
        return edited("otlp-metrics.json", root -> edit.accept((ObjectNode) root.at("/resourceMetrics/0" + pointer)));
    }

    @Test
    void eachMetricAndLabelSetIsASeries() {
        Map<String, DecodedPoint> points = bySeries(decoder.decode(null, bytes("otlp-metrics.json")));
        assertEquals(Set.of(REQUESTS,
                "queue.messages.processed{host_name=web-1,queue=orders,service_name=checkout}",
                "jvm.memory.used{host_name=web-1,jvm_memory_pool_name=G1 Old Gen,service_name=checkout}",
                CPU_USER,
                "system.cpu.utilization{cpu=cpu0,host_name=web-1,service_name=checkout,state=system}"),
                points.keySet());
        assertEquals(1, decoder.skipped().count(SkippedValues.Reason.HISTOGRAM), "the histogram's one data point");
        assertEquals(new DecodedPoint(CPU_USER, TS,
                Map.of("value", 0.42), Map.of("service_name", "checkout", "host_name", "web-1", "cpu", "cpu0",
                "state", "user"), Set.of()), points.get(CPU_USER));
    }

    @Test
    void cumulativeMonotonicSumsAreCountersDeltasRatesOtherSumsGauges() {
        Map<String, DecodedPoint> points = bySeries(decoder.decode(null, bytes("otlp-metrics.json")));
        DecodedPoint requests = points.get(REQUESTS);
        assertEquals(Map.of("value", 1024.0), requests.values());
        assertEquals(Set.of("value"), requests.counters());
        DecodedPoint processed =
                points.get("queue.messages.processed{host_name=web-1,queue=orders,service_name=checkout}");
        assertEquals(Map.of("value", 5.0), processed.values(), "300 messages in 60 s: 5 per second");
        assertEquals(Set.of(), processed.counters(), "already a rate");
        DecodedPoint memory =
                points.get("jvm.memory.used{host_name=web-1,jvm_memory_pool_name=G1 Old Gen,service_name=checkout}");
        assertEquals(Map.of("value", 73400320.0), memory.values());
        assertEquals(Set.of(), memory.counters(), "not monotonic");
    }

    @Test
    void keptHistogramsGiveCountAndSumAsCountersOrDeltaRates() {
        Map<String, DecodedPoint> points = bySeries(keeping.decode(null, bytes("otlp-metrics.json")));
        assertEquals(7, points.size(), "5 + the histogram's count and sum");
        String labels = "{host_name=web-1,http_route=/cart,service_name=checkout}";
        assertEquals(Map.of("value", 1024.0), points.get("http.server.request.duration_count" + labels).values());
        assertEquals(Map.of("value", 51.2), points.get("http.server.request.duration_sum" + labels).values());
        assertEquals(Set.of("value"), points.get("http.server.request.duration_sum" + labels).counters());
        assertEquals(0, keeping.skipped().total());

        byte[] delta = at(4, "/histogram", histogram -> {
            histogram.put("aggregationTemporality", "AGGREGATION_TEMPORALITY_DELTA");
            ((ObjectNode) histogram.at("/dataPoints/0")).put("startTimeUnixNano", "1767225590000000000").remove("sum");
        });
        Map<String, DecodedPoint> rates = bySeries(keeping.decode(null, delta));
        assertEquals(Map.of("value", 102.4), rates.get("http.server.request.duration_count" + labels).values(),
                "1024 in 10 s");
        assertEquals(Set.of(), rates.get("http.server.request.duration_count" + labels).counters());
        assertEquals(6, rates.size(), "no sum, no _sum series");

        byte[] summary = edited("otlp-metrics.json", root -> {
            ObjectNode metric = (ObjectNode) root.at("/resourceMetrics/0/scopeMetrics/0/metrics/4");
            metric.set("summary", node("""
                    {"dataPoints": [{"timeUnixNano": "1767225600000000000", "count": "8"}]}"""));
            metric.remove("histogram");
        });
        Map<String, DecodedPoint> summaries = bySeries(keeping.decode(null, summary));
        assertEquals(Map.of("value", 0.0),
                summaries.get("http.server.request.duration_sum{host_name=web-1,service_name=checkout}").values(),
                "a summary's sum left out is 0");
        assertEquals(5, decoder.decode(null, summary).size(), "by default the summary's point is skipped");
        assertEquals(1, decoder.skipped().count(SkippedValues.Reason.HISTOGRAM));
    }

    @Test
    void unrecordedAndNonFiniteValuesAreSkippedAndCounted() {
        assertEquals(4, decoder.decode(null, at(3, "/gauge/dataPoints/0", p -> p.put("flags", 1))).size());
        assertEquals(1, decoder.skipped().count(SkippedValues.Reason.NO_VALUE));
        for (String nonFinite : List.of("NaN", "Infinity", "-Infinity")) {
            byte[] record = at(3, "/gauge/dataPoints/0", p -> p.put("asDouble", nonFinite));
            assertEquals(4, decoder.decode(null, record).size());
        }
        assertEquals(3, decoder.skipped().count(SkippedValues.Reason.NON_FINITE));

        List<DecodedPoint> kept = keeping.decode(null, at(4, "/histogram/dataPoints/0", p -> p.put("sum", "NaN")));
        assertEquals(6, kept.size(), "the histogram's count but not its sum");
        assertEquals(1, keeping.skipped().count(SkippedValues.Reason.NON_FINITE));
    }

    @Test
    void otherEncodingsOfValuesAndAttributes() {
        assertEquals(Map.of("value", 1024.0), bySeries(decoder.decode(null,
                at(0, "/sum/dataPoints/0", p -> p.put("asInt", 1024)))).get(REQUESTS).values(), "asInt as a number");
        assertEquals(Set.of("value"), bySeries(decoder.decode(null, at(0, "/sum", s -> s.put("aggregationTemporality",
                "AGGREGATION_TEMPORALITY_CUMULATIVE")))).get(REQUESTS).counters(), "temporality by name");
        DecodedPoint point = decoder.decode(null, utf8("""
                {"resourceMetrics": [{
                  "resource": {"attributes": [{"key": "host.name", "value": {"stringValue": "web-1"}}]},
                  "scopeMetrics": [{"metrics": [{"name": "g", "gauge": {"dataPoints": [{
                    "timeUnixNano": 1767225600000000000,
                    "asDouble": "2.5",
                    "attributes": [
                      {"key": "host.name", "value": {"stringValue": "web-2"}},
                      {"key": "n", "value": {"intValue": "3"}},
                      {"key": "ok", "value": {"boolValue": true}},
                      {"key": "r", "value": {"doubleValue": 0.5}},
                      {"key": "empty", "value": {}},
                      {"key": "list", "value": {"arrayValue": {"values": [{"stringValue": "a"}]}}}
                    ]}]}}]}]}]}""")).get(0);
        assertEquals(Map.of("host_name", "web-2", "n", "3", "ok", "true", "r", "0.5", "empty", "",
                "list", "{\"values\":[{\"stringValue\":\"a\"}]}"), point.labels(), "the data point's attributes win");
        assertEquals(Map.of("value", 2.5), point.values());
        assertEquals(TS, point.tsMillis());
        assertEquals(List.of(), decoder.decode(null, utf8("{\"resourceMetrics\": []}")));
    }

    @Test
    void everyBadRequestStructureNamesItsField() {
        assertBad(decoder, null, "value", "null", "an OTLP ExportMetricsServiceRequest");
        assertBad(decoder, utf8("{\"resourceMetrics\": ["), "value", "{\"resourceMetrics\": [", "valid JSON");
        assertBad(decoder, utf8("{}"), "resourceMetrics", "nothing", "an array of resource metrics");
        assertBad(decoder, utf8("{\"resourceMetrics\": {}}"), "resourceMetrics", "{}", "an array of objects");
        assertBad(decoder, utf8("{\"resourceMetrics\": [1]}"), "resourceMetrics[0]", "1", "an object");
        assertBad(decoder, resource("", r -> r.put("resource", 1)), "resourceMetrics[0].resource", "1",
                "an object with attributes");
        assertBad(decoder, resource("/resource/attributes/1", a -> a.remove("key")),
                "resourceMetrics[0].resource.attributes[1].key", "nothing", "a non-empty string");
        assertBad(decoder, resource("", r -> r.put("scopeMetrics", "x")), "resourceMetrics[0].scopeMetrics", "\"x\"",
                "an array of objects");
    }

    @Test
    void everyBadMetricStructureNamesItsField() {
        assertBad(decoder, at(3, "", m -> m.remove("name")), METRICS + "[3].name", "nothing", "a non-empty string");
        assertBad(decoder, at(3, "", m -> m.remove("gauge")), METRICS + "[3]", "{\"name\":\"system.cpu.utilization\","
                + "\"unit\":\"1\"}", "a metric with a gauge, sum, histogram, exponentialHistogram or summary");
        assertBad(decoder, at(3, "", m -> m.put("gauge", 0)), METRICS + "[3].gauge", "0", "an object with dataPoints");
        assertBad(decoder, at(3, "/gauge", g -> g.put("dataPoints", 0)), METRICS + "[3].gauge.dataPoints", "0",
                "an array of objects");
        assertBad(decoder, at(3, "/gauge/dataPoints/1", p -> p.remove("timeUnixNano")),
                METRICS + "[3].gauge.dataPoints[1].timeUnixNano", "nothing", "epoch nanoseconds as a string of digits");
        assertBad(decoder, at(3, "/gauge/dataPoints/1", p -> p.put("timeUnixNano", "soon")),
                METRICS + "[3].gauge.dataPoints[1].timeUnixNano", "\"soon\"", "epoch nanoseconds");
        assertBad(decoder, at(3, "/gauge/dataPoints/1", p -> p.remove("asDouble")), METRICS + "[3].gauge.dataPoints[1]",
                "{\"attributes\":[{\"key\":\"cpu\",\"value\":{\"stringValue\":\"cpu0\"}},{\"key\":\"state\",\"v...",
                "a data point with asDouble or asInt");
        assertBad(decoder, at(3, "/gauge/dataPoints/1", p -> p.put("asDouble", "lots")),
                METRICS + "[3].gauge.dataPoints[1].asDouble", "\"lots\"", "a number, \"NaN\"");
        assertBad(decoder, at(3, "/gauge/dataPoints/1", p -> p.put("asDouble", true)),
                METRICS + "[3].gauge.dataPoints[1].asDouble", "true", "a number, \"NaN\"");
        assertBad(decoder, at(3, "/gauge/dataPoints/1", p -> p.put("flags", "x")),
                METRICS + "[3].gauge.dataPoints[1].flags", "\"x\"", "a non-negative integer");
        assertBad(decoder, at(3, "/gauge/dataPoints/1/attributes/0", a -> a.put("value", "cpu0")),
                METRICS + "[3].gauge.dataPoints[1].attributes[0].value", "\"cpu0\"", "an AnyValue object");
    }

    @Test
    void everyBadSumOrHistogramNamesItsField() {
        assertBad(decoder, at(0, "/sum/dataPoints/0", p -> p.put("asInt", "12.5")),
                METRICS + "[0].sum.dataPoints[0].asInt", "\"12.5\"", "a 64-bit integer as a string");
        assertBad(decoder, at(0, "/sum", s -> s.put("isMonotonic", "yes")), METRICS + "[0].sum.isMonotonic", "\"yes\"",
                "true or false");
        assertBad(decoder, at(0, "/sum", s -> s.remove("aggregationTemporality")),
                METRICS + "[0].sum.aggregationTemporality", "nothing", "1 (DELTA) or 2 (CUMULATIVE)");
        assertBad(decoder, at(0, "/sum", s -> s.put("aggregationTemporality", 0)),
                METRICS + "[0].sum.aggregationTemporality", "0", "1 (DELTA) or 2 (CUMULATIVE)");
        assertBad(decoder, at(1, "/sum/dataPoints/0", p -> p.remove("startTimeUnixNano")),
                METRICS + "[1].sum.dataPoints[0].startTimeUnixNano", "nothing", "epoch nanoseconds");
        assertBad(decoder, at(1, "/sum/dataPoints/0", p -> p.put("startTimeUnixNano", "1767225600000000000")),
                METRICS + "[1].sum.dataPoints[0].startTimeUnixNano", "\"1767225600000000000\"",
                "a start before timeUnixNano 1767225600000000000");
        assertBad(keeping, at(4, "/histogram/dataPoints/0", p -> p.put("count", "-3")),
                METRICS + "[4].histogram.dataPoints[0].count", "\"-3\"", "a non-negative integer");
        assertBad(keeping, at(4, "/histogram", h -> h.remove("aggregationTemporality")),
                METRICS + "[4].histogram.aggregationTemporality", "nothing", "1 (DELTA) or 2 (CUMULATIVE)");
        assertBad(keeping, at(4, "/histogram/dataPoints/0", p -> p.put("sum", "much")),
                METRICS + "[4].histogram.dataPoints[0].sum", "\"much\"", "a number");
    }
}
