package dev.vigil.streamer.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;

/**
 * Writes a number the model computed (a forecast, and what is derived from it) with the model's own precision:
 * ONNX Runtime forecasts in 32-bit floats, so the digits a double adds beyond a float's are noise from unscaling,
 * and turning those digits into text was the costliest part of writing a record. A value outside a float's normal
 * range is written as the double it is, so nothing overflows or loses its magnitude.
 */
public final class ModelPrecision extends StdSerializer<Double> {

    public ModelPrecision() {
        super(Double.class);
    }

    /** Whether {@code value} is written as a float: zero, or a magnitude within a float's normal range. */
    static boolean asFloat(double value) {
        double magnitude = Math.abs(value);
        return magnitude == 0 || (magnitude >= Float.MIN_NORMAL && magnitude <= Float.MAX_VALUE);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        double v = value;
        if (asFloat(v)) {
            gen.writeNumber((float) v);
        } else {
            gen.writeNumber(v);
        }
    }
}
