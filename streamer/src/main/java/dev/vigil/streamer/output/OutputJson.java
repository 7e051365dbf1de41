package dev.vigil.streamer.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Serialises output records as compact JSON. Scores and forecasts, one of each per input point, are written field by
 * field: the same bytes as the mapper's, without its reflective bean and map serialisers, which cost a tenth of a
 * record's CPU.
 */
public final class OutputJson {

    /** Every score carries a dozen doubles: the JDK's double-to-text is the costliest part of writing one. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private OutputJson() {
    }

    public static byte[] write(Object record) {
        try {
            return MAPPER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise " + record.getClass().getSimpleName(), e);
        }
    }

    /** A score record; fields in declaration order, null ones left out, as {@link ScoreRecord} declares. */
    public static byte[] write(ScoreRecord r) {
        ByteArrayBuilder out = new ByteArrayBuilder(FACTORY._getBufferRecycler(), 320);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            stringField(g, "series", r.series());
            g.writeNumberField("ts", r.ts());
            stringField(g, "status", r.status());
            intField(g, "samples", r.samples());
            intField(g, "needed", r.needed());
            mapField(g, "actual", r.actual());
            mapField(g, "expected", r.expected());
            mapField(g, "error", r.error());
            mapField(g, "lower", r.lower());
            mapField(g, "upper", r.upper());
            doubleField(g, "scaledError", r.scaledError());
            doubleField(g, "smoothedError", r.smoothedError());
            doubleField(g, "score", r.score());
            doubleField(g, "threshold", r.threshold());
            if (r.anomaly() != null) {
                g.writeBooleanField("anomaly", r.anomaly());
            }
            intField(g, "horizonStep", r.horizonStep());
            intField(g, "filledBefore", r.filledBefore());
            stringField(g, "modelVersion", r.modelVersion());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialise a score of series " + r.series(), e);
        }
        return out.toByteArray();
    }

    /** A forecast record, as the mapper would write its {@link ForecastRecord#steps()}, straight from the path. */
    public static byte[] write(ForecastRecord r) {
        int targets = r.targets().size();
        ByteArrayBuilder out = new ByteArrayBuilder(FACTORY._getBufferRecycler(), 96 + 48 * r.horizon() * targets);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            nullableStringField(g, "series", r.series());
            g.writeNumberField("origin", r.origin());
            g.writeArrayFieldStart("steps");
            for (int h = 0; h < r.horizon(); h++) {
                g.writeStartObject();
                g.writeNumberField("ts", r.stepTs(h));
                g.writeObjectFieldStart("values");
                for (int t = 0; t < targets; t++) {
                    g.writeNumberField(r.targets().get(t), r.value(h, t));
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            nullableStringField(g, "modelVersion", r.modelVersion());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialise a forecast of series " + r.series(), e);
        }
        return out.toByteArray();
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static void stringField(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void nullableStringField(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }

    private static void intField(JsonGenerator g, String name, Integer value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value.intValue());
        }
    }

    private static void doubleField(JsonGenerator g, String name, Double value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value.doubleValue());
        }
    }

    private static void mapField(JsonGenerator g, String name, Map<String, Double> values) throws IOException {
        if (values == null) {
            return;
        }
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (e.getValue() == null) {
                g.writeNullField(e.getKey());
            } else {
                g.writeNumberField(e.getKey(), e.getValue().doubleValue());
            }
        }
        g.writeEndObject();
    }
}
