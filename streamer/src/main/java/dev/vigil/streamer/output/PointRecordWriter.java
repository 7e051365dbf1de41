package dev.vigil.streamer.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes the two records made for every input point, a score and a forecast, with one generator that it keeps for
 * all of them: each record is a root value, flushed into a reused buffer and copied out. Field names are encoded
 * once. One per thread (see {@link OutputJson}); a writer whose record failed half-way is not used again.
 */
final class PointRecordWriter {

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .rootValueSeparator((String) null) // records follow each other in one generator: nothing between them
            .build();
    private static final SerializableString SERIES = name("series");
    private static final SerializableString TS = name("ts");
    private static final SerializableString STATUS = name("status");
    private static final SerializableString SAMPLES = name("samples");
    private static final SerializableString NEEDED = name("needed");
    private static final SerializableString ACTUAL = name("actual");
    private static final SerializableString EXPECTED = name("expected");
    private static final SerializableString ERROR = name("error");
    private static final SerializableString LOWER = name("lower");
    private static final SerializableString UPPER = name("upper");
    private static final SerializableString SCALED_ERROR = name("scaledError");
    private static final SerializableString SMOOTHED_ERROR = name("smoothedError");
    private static final SerializableString SCORE = name("score");
    private static final SerializableString THRESHOLD = name("threshold");
    private static final SerializableString ANOMALY = name("anomaly");
    private static final SerializableString HORIZON_STEP = name("horizonStep");
    private static final SerializableString FILLED_BEFORE = name("filledBefore");
    private static final SerializableString MODEL_VERSION = name("modelVersion");
    private static final SerializableString ORIGIN = name("origin");
    private static final SerializableString STEPS = name("steps");
    private static final SerializableString VALUES = name("values");

    private final ByteArrayBuilder out = new ByteArrayBuilder(1024);
    private final JsonGenerator g;

    PointRecordWriter() {
        try {
            g = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] score(ScoreRecord r) throws IOException {
        g.writeStartObject();
        string(SERIES, r.series());
        g.writeFieldName(TS);
        g.writeNumber(r.ts());
        string(STATUS, r.status());
        integer(SAMPLES, r.samples());
        integer(NEEDED, r.needed());
        map(ACTUAL, r.actual());
        map(EXPECTED, r.expected());
        map(ERROR, r.error());
        map(LOWER, r.lower());
        map(UPPER, r.upper());
        number(SCALED_ERROR, r.scaledError());
        number(SMOOTHED_ERROR, r.smoothedError());
        number(SCORE, r.score());
        number(THRESHOLD, r.threshold());
        if (r.anomaly() != null) {
            g.writeFieldName(ANOMALY);
            g.writeBoolean(r.anomaly());
        }
        integer(HORIZON_STEP, r.horizonStep());
        integer(FILLED_BEFORE, r.filledBefore());
        string(MODEL_VERSION, r.modelVersion());
        g.writeEndObject();
        return take();
    }

    byte[] forecast(ForecastRecord r) throws IOException {
        int targets = r.targets().size();
        g.writeStartObject();
        nullableString(SERIES, r.series());
        g.writeFieldName(ORIGIN);
        g.writeNumber(r.origin());
        g.writeFieldName(STEPS);
        g.writeStartArray();
        for (int h = 0; h < r.horizon(); h++) {
            g.writeStartObject();
            g.writeFieldName(TS);
            g.writeNumber(r.stepTs(h));
            g.writeFieldName(VALUES);
            g.writeStartObject();
            for (int t = 0; t < targets; t++) {
                g.writeFieldName(r.targets().get(t));
                g.writeNumber(r.value(h, t));
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        nullableString(MODEL_VERSION, r.modelVersion());
        g.writeEndObject();
        return take();
    }

    /** The record just written, leaving the buffer empty for the next. */
    private byte[] take() throws IOException {
        g.flush();
        byte[] bytes = out.toByteArray();
        out.reset();
        return bytes;
    }

    private void string(SerializableString name, String value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeString(value);
        }
    }

    private void nullableString(SerializableString name, String value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    private void integer(SerializableString name, Integer value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeNumber(value.intValue());
        }
    }

    private void number(SerializableString name, Double value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeNumber(value.doubleValue());
        }
    }

    private void map(SerializableString name, Map<String, Double> values) throws IOException {
        if (values == null) {
            return;
        }
        g.writeFieldName(name);
        g.writeStartObject();
        for (Map.Entry<String, Double> e : values.entrySet()) {
            g.writeFieldName(e.getKey());
            if (e.getValue() == null) {
                g.writeNull();
            } else {
                g.writeNumber(e.getValue().doubleValue());
            }
        }
        g.writeEndObject();
    }

    private static SerializableString name(String text) {
        return new SerializedString(text);
    }
}
