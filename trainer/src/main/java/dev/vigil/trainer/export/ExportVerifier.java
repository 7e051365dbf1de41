package dev.vigil.trainer.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.vigil.spec.ModelSpec;
import dev.vigil.spec.OnnxModelSpecReader;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * Runs an exported model in ONNX Runtime, the engine the streamer serves it with, and compares its forecasts with
 * expected ones (normally {@link ReferenceForecaster}'s). Building a graph by hand can go wrong silently (a gate
 * order, a transposed matrix), so the trainer refuses to ship an export that fails this check.
 *
 * <p>The model is first read back with {@link OnnxModelSpecReader}, so the check also proves that the streamer's
 * loader accepts the file. The session lives only for one call; no native resource outlives it.
 */
public final class ExportVerifier {

    private ExportVerifier() {
    }

    /**
     * @param onnx      the exported model
     * @param windows   row-major {@code [batch][windowSize][features]}, scaled
     * @param batch     number of windows
     * @param expected  row-major {@code [batch][horizon][targets]}
     * @param tolerance the largest acceptable |actual - expected|; a NaN on either side never passes
     * @return the comparison, when every value is within tolerance
     * @throws ExportMismatchException naming the largest difference and where it is, when one exceeds tolerance
     * @throws dev.vigil.spec.InvalidModelSpecException when the model's spec or input/output contract is broken
     * @throws IllegalStateException when ONNX Runtime cannot load or run the model
     */
    public static ParityReport verify(byte[] onnx, float[] windows, int batch, float[] expected, double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance: expected a finite number >= 0, found " + tolerance);
        }
        ModelSpec spec = OnnxModelSpecReader.read(onnx, "exported model");
        int features = spec.features().size();
        int perWindow = spec.horizon() * spec.targets().size();
        requireLength("windows", windows, batch, "batch * windowSize * features = " + batch + " * "
                + spec.windowSize() + " * " + features, (long) batch * spec.windowSize() * features);
        requireLength("expected", expected, batch, "batch * horizon * targets = " + batch + " * " + spec.horizon()
                + " * " + spec.targets().size(), (long) batch * perWindow);

        float[] actual = run(onnx, windows, new long[] {batch, spec.windowSize(), features},
                new long[] {batch, spec.horizon(), spec.targets().size()});
        double maxAbsDiff = 0;
        int worst = 0;
        for (int i = 0; i < actual.length; i++) {
            double diff = Math.abs((double) actual[i] - expected[i]);
            if (Double.isNaN(diff)) {
                diff = Double.POSITIVE_INFINITY;
            }
            if (diff > maxAbsDiff) {
                maxAbsDiff = diff;
                worst = i;
            }
        }
        if (maxAbsDiff > tolerance) {
            int target = worst % spec.targets().size();
            throw new ExportMismatchException(maxAbsDiff, tolerance, worst / perWindow,
                    (worst % perWindow) / spec.targets().size(), target, spec.targets().get(target),
                    actual[worst], expected[worst]);
        }
        return new ParityReport(batch, actual.length, maxAbsDiff, tolerance);
    }

    private static float[] run(byte[] onnx, float[] windows, long[] inputShape, long[] outputShape) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(onnx, options);
                 OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(windows), inputShape);
                 OrtSession.Result result = session.run(Map.of(ModelSpec.INPUT_NAME, input))) {
                OnnxValue value = result.get(ModelSpec.OUTPUT_NAME).orElseThrow(() -> new IllegalStateException(
                        "exported model produced no output '" + ModelSpec.OUTPUT_NAME + "'"));
                if (!(value instanceof OnnxTensor tensor)) {
                    throw new IllegalStateException("exported model output '" + ModelSpec.OUTPUT_NAME
                            + "': expected a tensor, found " + value.getType());
                }
                long[] shape = tensor.getInfo().getShape();
                if (!Arrays.equals(shape, outputShape)) {
                    throw new IllegalStateException("exported model output '" + ModelSpec.OUTPUT_NAME
                            + "': expected shape " + Arrays.toString(outputShape) + ", found "
                            + Arrays.toString(shape));
                }
                FloatBuffer buffer = tensor.getFloatBuffer();
                float[] actual = new float[buffer.remaining()];
                buffer.get(actual);
                return actual;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not run the exported model: " + e.getMessage(), e);
        }
    }

    private static void requireLength(String name, float[] values, int batch, String what, long expected) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch: expected at least 1, found " + batch);
        }
        if (values == null || values.length != expected) {
            throw new IllegalArgumentException(name + ": expected " + what + " = " + expected + " floats, found "
                    + (values == null ? "null" : values.length));
        }
    }
}
