package dev.vigil.streamer.output;

import java.util.Map;

/**
 * Writes the two records made for every input point, a score and a forecast, into one reused buffer, with field
 * names encoded once. One per thread (see {@link OutputJson}); a writer whose record failed half-way starts the
 * next one afresh.
 */
final class PointRecordWriter {

    private static final byte[] SERIES = JsonBytes.encodedName("series");
    private static final byte[] TS = JsonBytes.encodedName("ts");
    private static final byte[] STATUS = JsonBytes.encodedName("status");
    private static final byte[] SAMPLES = JsonBytes.encodedName("samples");
    private static final byte[] NEEDED = JsonBytes.encodedName("needed");
    private static final byte[] ACTUAL = JsonBytes.encodedName("actual");
    private static final byte[] EXPECTED = JsonBytes.encodedName("expected");
    private static final byte[] ERROR = JsonBytes.encodedName("error");
    private static final byte[] LOWER = JsonBytes.encodedName("lower");
    private static final byte[] UPPER = JsonBytes.encodedName("upper");
    private static final byte[] SCALED_ERROR = JsonBytes.encodedName("scaledError");
    private static final byte[] SMOOTHED_ERROR = JsonBytes.encodedName("smoothedError");
    private static final byte[] SCORE = JsonBytes.encodedName("score");
    private static final byte[] THRESHOLD = JsonBytes.encodedName("threshold");
    private static final byte[] ANOMALY = JsonBytes.encodedName("anomaly");
    private static final byte[] HORIZON_STEP = JsonBytes.encodedName("horizonStep");
    private static final byte[] FILLED_BEFORE = JsonBytes.encodedName("filledBefore");
    private static final byte[] MODEL_VERSION = JsonBytes.encodedName("modelVersion");
    private static final byte[] ORIGIN = JsonBytes.encodedName("origin");
    private static final byte[] STEPS = JsonBytes.encodedName("steps");
    private static final byte[] VALUES = JsonBytes.encodedName("values");

    private final JsonBytes json = new JsonBytes();

    byte[] score(ScoreRecord r) {
        json.reset();
        json.startObject();
        string(SERIES, r.series());
        json.name(TS);
        json.number(r.ts());
        string(STATUS, r.status());
        integer(SAMPLES, r.samples());
        integer(NEEDED, r.needed());
        map(ACTUAL, r.actual(), false);
        map(EXPECTED, r.expected(), true);
        map(ERROR, r.error(), true);
        map(LOWER, r.lower(), true);
        map(UPPER, r.upper(), true);
        modelNumber(SCALED_ERROR, r.scaledError());
        modelNumber(SMOOTHED_ERROR, r.smoothedError());
        modelNumber(SCORE, r.score());
        modelNumber(THRESHOLD, r.threshold());
        if (r.anomaly() != null) {
            json.name(ANOMALY);
            json.bool(r.anomaly());
        }
        integer(HORIZON_STEP, r.horizonStep());
        integer(FILLED_BEFORE, r.filledBefore());
        string(MODEL_VERSION, r.modelVersion());
        json.endObject();
        return json.take();
    }

    byte[] forecast(ForecastRecord r) {
        int targets = r.targets().size();
        json.reset();
        json.startObject();
        nullableString(SERIES, r.series());
        json.name(ORIGIN);
        json.number(r.origin());
        json.name(STEPS);
        json.startArray();
        for (int h = 0; h < r.horizon(); h++) {
            json.startObject();
            json.name(TS);
            json.number(r.stepTs(h));
            json.name(VALUES);
            json.startObject();
            for (int t = 0; t < targets; t++) {
                json.name(fieldName(r.targets().get(t)));
                json.modelNumber(r.value(h, t));
            }
            json.endObject();
            json.endObject();
        }
        json.endArray();
        nullableString(MODEL_VERSION, r.modelVersion());
        json.endObject();
        return json.take();
    }

    private void string(byte[] name, String value) {
        if (value != null) {
            json.name(name);
            json.string(value);
        }
    }

    private void nullableString(byte[] name, String value) {
        json.name(name);
        if (value == null) {
            json.nul();
        } else {
            json.string(value);
        }
    }

    private void integer(byte[] name, Integer value) {
        if (value != null) {
            json.name(name);
            json.number(value.intValue());
        }
    }

    private void modelNumber(byte[] name, Double value) {
        if (value != null) {
            json.name(name);
            json.modelNumber(value.doubleValue());
        }
    }

    /** @param model whether the values are the model's (written as {@link ModelPrecision} does) or the input's */
    private void map(byte[] name, Map<String, Double> values, boolean model) {
        if (values == null) {
            return;
        }
        json.name(name);
        json.startObject();
        for (Map.Entry<String, Double> e : values.entrySet()) {
            json.name(fieldName(e.getKey()));
            if (e.getValue() == null) {
                json.nul();
            } else if (model) {
                json.modelNumber(e.getValue().doubleValue());
            } else {
                json.number(e.getValue().doubleValue());
            }
        }
        json.endObject();
    }

    /** A map key or target name: the mapper refuses a null one, and so does this writer. */
    private static String fieldName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("a field without a name");
        }
        return name;
    }
}
