package dev.vigil.trainer.export;

import dev.vigil.spec.InvalidModelSpecException;
import dev.vigil.spec.ModelSpec;
import dev.vigil.spec.OnnxModelSpecReader;
import dev.vigil.spec.StateShape;

/**
 * Runs an exported model in ONNX Runtime, the engine the streamer serves it with, and compares its outputs with
 * expected ones (normally {@link ReferenceForecaster}'s). Building a graph by hand can go wrong silently (a gate
 * order, a transposed matrix, h and c swapped), so the trainer refuses to ship an export that fails this check.
 *
 * <p>Three checks: window mode (W steps from a zero state) gives the expected forecast, and the expected state when
 * one is given; and stateful stepping agrees with window mode: the first W - 1 steps from zeros, then the last step
 * from the state they return, must give the full window's forecast and state. The second proves that the state
 * output, carried to the next call, is a faithful continuation, which is all stateful serving relies on.
 *
 * <p>The model is first read back with {@link OnnxModelSpecReader}, so the check also proves that the streamer's
 * loader accepts the file. The session lives only for one call; no native resource outlives it.
 */
public final class ExportVerifier {

    private static final String ORIGIN = "exported model";

    private ExportVerifier() {
    }

    /** As {@link #verify(byte[], float[], int, float[], float[], double)} without an expected state. */
    public static ParityReport verify(byte[] onnx, float[] windows, int batch, float[] expected, double tolerance) {
        return verify(onnx, windows, batch, expected, null, tolerance);
    }

    /**
     * @param onnx          the exported model
     * @param windows       row-major {@code [batch][windowSize][features]}, scaled
     * @param batch         number of windows
     * @param expected      row-major {@code [batch][horizon][targets]}
     * @param expectedState row-major {@code [batch][2 * layers][hidden]}, the state after each window from zeros;
     *                      null to check only that stepping agrees with the full window
     * @param tolerance     the largest acceptable |actual - expected|; a NaN on either side never passes
     * @return the comparison, when every value is within tolerance
     * @throws ExportMismatchException naming the output, the largest difference and where it is, when one exceeds
     *                                 tolerance
     * @throws InvalidModelSpecException when the model's spec or input/output contract is broken, or it has no
     *                                   state input and output
     * @throws IllegalStateException     when ONNX Runtime cannot load or run the model
     */
    public static ParityReport verify(byte[] onnx, float[] windows, int batch, float[] expected,
                                      float[] expectedState, double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance: expected a finite number >= 0, found " + tolerance);
        }
        ModelSpec spec = OnnxModelSpecReader.read(onnx, ORIGIN);
        StateShape state = OnnxModelSpecReader.stateShape(onnx, ORIGIN).orElseThrow(() ->
                new InvalidModelSpecException("model " + ORIGIN + ": expected graph input '"
                        + ModelSpec.STATE_INPUT_NAME + "' and output '" + ModelSpec.STATE_OUTPUT_NAME
                        + "' for stateful serving, found neither"));
        int w = spec.windowSize();
        int features = spec.features().size();
        requireLength("windows", windows, batch, "batch * windowSize * features = " + batch + " * " + w + " * "
                + features, (long) batch * w * features);
        requireLength("expected", expected, batch, "batch * horizon * targets = " + batch + " * " + spec.horizon()
                + " * " + spec.targets().size(), (long) batch * spec.horizon() * spec.targets().size());
        if (expectedState != null) {
            requireLength("expectedState", expectedState, batch, "batch * 2 * layers * hidden = " + batch + " * "
                    + state.rows() + " * " + state.hidden(), (long) batch * state.floats());
        }

        try (OrtForecaster model = OrtForecaster.open(onnx, spec, state)) {
            float[] zeros = new float[batch * state.floats()];
            StatefulForecast full = model.run(windows, batch, w, zeros);
            LargestDiff forecast = LargestDiff.of(full.forecast(), expected);
            if (forecast.exceeds(tolerance)) {
                throw ExportMismatchException.forecast("forecast", "the expected forecast", forecast, tolerance,
                        spec.horizon(), spec.targets());
            }
            LargestDiff stateDiff = LargestDiff.of(full.state(), expectedState == null ? full.state()
                    : expectedState);
            if (stateDiff.exceeds(tolerance)) {
                throw ExportMismatchException.state("state", "the expected state", stateDiff, tolerance,
                        state.layers(), state.hidden());
            }

            StatefulForecast prefix = model.run(steps(windows, batch, w, features, 0, w - 1), batch, w - 1, zeros);
            StatefulForecast stepped = model.run(steps(windows, batch, w, features, w - 1, w), batch, 1,
                    prefix.state());
            String what = " after W - 1 steps from zeros and the last step from their state";
            LargestDiff steppedForecast = LargestDiff.of(stepped.forecast(), full.forecast());
            if (steppedForecast.exceeds(tolerance)) {
                throw ExportMismatchException.forecast("forecast" + what, "its full-window forecast",
                        steppedForecast, tolerance, spec.horizon(), spec.targets());
            }
            LargestDiff steppedState = LargestDiff.of(stepped.state(), full.state());
            if (steppedState.exceeds(tolerance)) {
                throw ExportMismatchException.state("state" + what, "its full-window state", steppedState,
                        tolerance, state.layers(), state.hidden());
            }
            return new ParityReport(batch, expected.length, forecast.maxAbsDiff(),
                    expectedState == null ? 0 : expectedState.length, stateDiff.maxAbsDiff(),
                    Math.max(steppedForecast.maxAbsDiff(), steppedState.maxAbsDiff()), tolerance);
        }
    }

    /** Steps {@code [from, to)} of each window, row-major {@code [batch][to - from][features]}. */
    private static float[] steps(float[] windows, int batch, int w, int features, int from, int to) {
        int length = (to - from) * features;
        float[] out = new float[batch * length];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(windows, (b * w + from) * features, out, b * length, length);
        }
        return out;
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
