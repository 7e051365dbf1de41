package dev.vigil.trainer.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.vigil.spec.ModelSpec;
import dev.vigil.spec.StateShape;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * An exported model open in ONNX Runtime, run the way the streamer serves it: some steps per series and a state in,
 * the forecast and the state after those steps out. It owns the session; close it (closing twice is harmless).
 * One intra-op thread, since it only checks exports and the machine may be busy training.
 */
final class OrtForecaster implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final ModelSpec spec;
    private final StateShape state;
    private boolean closed;

    private OrtForecaster(OrtSession.SessionOptions options, OrtSession session, ModelSpec spec, StateShape state) {
        this.options = options;
        this.session = session;
        this.spec = spec;
        this.state = state;
    }

    /** @throws IllegalStateException when ONNX Runtime cannot load the model */
    static OrtForecaster open(byte[] onnx, ModelSpec spec, StateShape state) {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setIntraOpNumThreads(1);
            return new OrtForecaster(options, OrtEnvironment.getEnvironment().createSession(onnx, options), spec,
                    state);
        } catch (OrtException e) {
            options.close();
            throw new IllegalStateException("ONNX Runtime could not load the exported model: " + e.getMessage(), e);
        }
    }

    /**
     * @param inputs row-major {@code [batch][steps][features]}, scaled
     * @param state  row-major {@code [batch][rows][hidden]}
     * @throws IllegalStateException when ONNX Runtime fails or returns other shapes than the spec's
     */
    StatefulForecast run(float[] inputs, int batch, int steps, float[] state) {
        if (closed) {
            throw new IllegalStateException("the exported model's session is closed");
        }
        long[] stateDims = {batch, this.state.rows(), this.state.hidden()};
        try (OnnxTensor window = OnnxTensor.createTensor(env, FloatBuffer.wrap(inputs),
                new long[] {batch, steps, spec.features().size()});
             OnnxTensor stateIn = OnnxTensor.createTensor(env, FloatBuffer.wrap(state), stateDims);
             OrtSession.Result result = session.run(Map.of(ModelSpec.INPUT_NAME, window,
                     ModelSpec.STATE_INPUT_NAME, stateIn))) {
            return new StatefulForecast(
                    floats(result, ModelSpec.OUTPUT_NAME, new long[] {batch, spec.horizon(), spec.targets().size()}),
                    floats(result, ModelSpec.STATE_OUTPUT_NAME, stateDims));
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not run the exported model: " + e.getMessage(), e);
        }
    }

    private static float[] floats(OrtSession.Result result, String name, long[] shape) {
        OnnxValue value = result.get(name).orElseThrow(() -> new IllegalStateException(
                "exported model produced no output '" + name + "'"));
        if (!(value instanceof OnnxTensor tensor)) {
            throw new IllegalStateException("exported model output '" + name + "': expected a tensor, found "
                    + value.getType());
        }
        long[] found = tensor.getInfo().getShape();
        if (!Arrays.equals(found, shape)) {
            throw new IllegalStateException("exported model output '" + name + "': expected shape "
                    + Arrays.toString(shape) + ", found " + Arrays.toString(found));
        }
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("could not close the exported model's session: " + e.getMessage(), e);
        } finally {
            options.close();
        }
    }
}
