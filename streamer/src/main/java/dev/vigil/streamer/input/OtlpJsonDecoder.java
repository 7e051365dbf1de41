package dev.vigil.streamer.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.input.MetricPoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OTLP metrics in the JSON encoding of {@code ExportMetricsServiceRequest}. One series per metric and label set,
 * feature {@code value}; labels are the resource attributes overlaid with the data point's attributes, dots in
 * their keys turned into underscores. Gauges and non-monotonic sums pass as they are; monotonic CUMULATIVE sums are
 * counters; monotonic DELTA sums become per-second rates, value / (timeUnixNano - startTimeUnixNano). Histograms,
 * exponential histograms and summaries are skipped and counted, unless kept: then each data point gives
 * {@code <name>_count} and {@code <name>_sum} (when present), as counters or, for DELTA, as rates. Points flagged
 * as having no recorded value, and NaN or infinite values, are skipped and counted. The key is ignored.
 */
final class OtlpJsonDecoder extends AgentDecoder {

    private static final String EXPECTED = "an OTLP ExportMetricsServiceRequest in JSON {\"resourceMetrics\": [...]}";
    private static final List<String> HISTOGRAMS = List.of("histogram", "exponentialHistogram", "summary");

    /** How a data point's value becomes the point's value. */
    private enum Mode { GAUGE, COUNTER, RATE }

    OtlpJsonDecoder(DecoderOptions options) {
        super(options);
    }

    @Override
    public List<DecodedPoint> decode(byte[] key, byte[] value) {
        JsonNode request = JsonInput.readObject(value, EXPECTED);
        if (!request.has("resourceMetrics")) {
            throw JsonInput.bad("resourceMetrics", null, "an array of resource metrics");
        }
        List<DecodedPoint> points = new ArrayList<>();
        List<JsonNode> resources = JsonInput.objects(request, "resourceMetrics", "resourceMetrics");
        for (int r = 0; r < resources.size(); r++) {
            String at = "resourceMetrics[" + r + "]";
            JsonNode resource = resources.get(r).path("resource");
            if (!resource.isObject() && !resource.isMissingNode() && !resource.isNull()) {
                throw JsonInput.bad(at + ".resource", resource, "an object with attributes");
            }
            Map<String, String> labels = resource.isObject()
                    ? OtlpValues.attributes(resource, at + ".resource.attributes") : Map.of();
            List<JsonNode> scopes = JsonInput.objects(resources.get(r), "scopeMetrics", at + ".scopeMetrics");
            for (int s = 0; s < scopes.size(); s++) {
                String scopeAt = at + ".scopeMetrics[" + s + "]";
                List<JsonNode> metrics = JsonInput.objects(scopes.get(s), "metrics", scopeAt + ".metrics");
                for (int m = 0; m < metrics.size(); m++) {
                    metric(metrics.get(m), scopeAt + ".metrics[" + m + "]", labels, points);
                }
            }
        }
        return points;
    }

    private void metric(JsonNode metric, String at, Map<String, String> resourceLabels, List<DecodedPoint> out) {
        String name = JsonInput.text(metric, "name", at + ".name");
        if (metric.has("gauge")) {
            numbers(name, data(metric, "gauge", at), at + ".gauge", Mode.GAUGE, resourceLabels, out);
        } else if (metric.has("sum")) {
            JsonNode sum = data(metric, "sum", at);
            Mode mode = !OtlpValues.bool(sum, "isMonotonic", at + ".sum.isMonotonic") ? Mode.GAUGE
                    : OtlpValues.cumulative(sum, at + ".sum.aggregationTemporality") ? Mode.COUNTER : Mode.RATE;
            numbers(name, sum, at + ".sum", mode, resourceLabels, out);
        } else {
            String kind = HISTOGRAMS.stream().filter(metric::has).findFirst().orElseThrow(() -> JsonInput.bad(at,
                    metric, "a metric with a gauge, sum, histogram, exponentialHistogram or summary"));
            JsonNode data = data(metric, kind, at);
            String dataAt = at + "." + kind;
            if (!options.keepHistograms()) {
                JsonInput.objects(data, "dataPoints", dataAt + ".dataPoints")
                        .forEach(point -> skipped.add(SkippedValues.Reason.HISTOGRAM));
                return;
            }
            Mode mode = kind.equals("summary") || OtlpValues.cumulative(data, dataAt + ".aggregationTemporality")
                    ? Mode.COUNTER : Mode.RATE;
            histograms(name, data, dataAt, mode, kind.equals("summary"), resourceLabels, out);
        }
    }

    private void numbers(String name, JsonNode data, String at, Mode mode, Map<String, String> resourceLabels,
                         List<DecodedPoint> out) {
        List<JsonNode> points = JsonInput.objects(data, "dataPoints", at + ".dataPoints");
        for (int d = 0; d < points.size(); d++) {
            JsonNode point = points.get(d);
            String pointAt = at + ".dataPoints[" + d + "]";
            Map<String, String> labels = labels(resourceLabels, point, pointAt);
            long nanos = OtlpValues.nanos(point, "timeUnixNano", pointAt + ".timeUnixNano");
            if ((OtlpValues.flags(point, pointAt + ".flags") & OtlpValues.NO_RECORDED_VALUE) != 0) {
                skipped.add(SkippedValues.Reason.NO_VALUE);
                continue;
            }
            Double value;
            if (point.has("asDouble")) {
                value = OtlpValues.asDouble(point.get("asDouble"), pointAt + ".asDouble");
            } else if (point.has("asInt")) {
                value = OtlpValues.asInt(point.get("asInt"), pointAt + ".asInt");
            } else {
                throw JsonInput.bad(pointAt, point, "a data point with asDouble or asInt");
            }
            emit(name, value, mode, nanos, point, pointAt, labels, out);
        }
    }

    private void histograms(String name, JsonNode data, String at, Mode mode, boolean summary,
                            Map<String, String> resourceLabels, List<DecodedPoint> out) {
        List<JsonNode> points = JsonInput.objects(data, "dataPoints", at + ".dataPoints");
        for (int d = 0; d < points.size(); d++) {
            JsonNode point = points.get(d);
            String pointAt = at + ".dataPoints[" + d + "]";
            Map<String, String> labels = labels(resourceLabels, point, pointAt);
            long nanos = OtlpValues.nanos(point, "timeUnixNano", pointAt + ".timeUnixNano");
            if ((OtlpValues.flags(point, pointAt + ".flags") & OtlpValues.NO_RECORDED_VALUE) != 0) {
                skipped.add(SkippedValues.Reason.NO_VALUE);
                continue;
            }
            double count = OtlpValues.count(point, "count", pointAt + ".count");
            emit(name + "_count", count, mode, nanos, point, pointAt, labels, out);
            if (point.has("sum") || summary) {
                Double sum = point.has("sum") ? OtlpValues.asDouble(point.get("sum"), pointAt + ".sum")
                        : Double.valueOf(0);
                emit(name + "_sum", sum, mode, nanos, point, pointAt, labels, out);
            }
        }
    }

    private void emit(String name, Double value, Mode mode, long nanos, JsonNode point, String pointAt,
                      Map<String, String> labels, List<DecodedPoint> out) {
        if (value == null) {
            skipped.add(SkippedValues.Reason.NON_FINITE);
            return;
        }
        double v = value;
        if (mode == Mode.RATE) {
            long start = OtlpValues.nanos(point, "startTimeUnixNano", pointAt + ".startTimeUnixNano");
            if (start >= nanos) {
                throw JsonInput.bad(pointAt + ".startTimeUnixNano", point.get("startTimeUnixNano"),
                        "a start before timeUnixNano " + nanos + " (a delta sum's interval)");
            }
            v = value / ((nanos - start) / 1e9);
        }
        out.add(new DecodedPoint(options.idRule().seriesId(name, labels), nanos / 1_000_000,
                Map.of(MetricPoint.SINGLE_FEATURE, v), labels,
                mode == Mode.COUNTER ? Set.of(MetricPoint.SINGLE_FEATURE) : Set.of()));
    }

    private static JsonNode data(JsonNode metric, String kind, String at) {
        JsonNode data = metric.get(kind);
        if (!data.isObject()) {
            throw JsonInput.bad(at + "." + kind, data, "an object with dataPoints");
        }
        return data;
    }

    private static Map<String, String> labels(Map<String, String> resourceLabels, JsonNode point, String pointAt) {
        Map<String, String> labels = new LinkedHashMap<>(resourceLabels);
        labels.putAll(OtlpValues.attributes(point, pointAt + ".attributes"));
        return labels;
    }
}
