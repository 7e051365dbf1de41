package dev.vigil.trainer.export;

import dev.vigil.spec.ModelSpec;
import dev.vigil.spec.OnnxModelSpecReader;
import dev.vigil.spec.StateShape;
import dev.vigil.trainer.export.ForecasterFixtures.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The exported graph run the way stateful serving runs it, in ONNX Runtime: any number of steps from any state.
 * From zeros over W steps it must equal {@link ReferenceForecaster}'s window mode, state included; carrying its
 * {@code state} output into the next call must continue exactly where the previous call stopped; and from a
 * non-zero state it must read {@code state_in} in the documented layout (each layer's h, then each layer's c).
 */
class StatefulGraphTest {

    private static final double TOLERANCE = 1e-5;
    private static final int BATCH = 4;

    static Stream<Shape> shapes() {
        return Stream.of(
                new Shape("univariate, 1 layer", 1, 8, 1, new int[] {0}, 6, 3),
                new Shape("univariate, 2 layers", 1, 6, 2, new int[] {0}, 5, 4),
                new Shape("non-target features, 2 layers", 3, 8, 2, new int[] {0, 2}, 6, 3),
                new Shape("horizon 1, 1 layer", 2, 4, 1, new int[] {1}, 4, 1),
                new Shape("horizon 1, 2 layers, non-target features", 3, 5, 2, new int[] {2}, 5, 1),
                new Shape("targets out of feature order, 3 layers", 4, 5, 3, new int[] {3, 1}, 6, 6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void fromZerosOverTheWindowItMatchesTheReferenceStateIncluded(Shape shape) {
        ForecasterWeights w = ForecasterFixtures.randomWeights(shape, 21, 2.0);
        float[] windows = ForecasterFixtures.randomWindows(shape, BATCH, 22);
        StatefulForecast expected = ReferenceForecaster.forecast(w, windows, BATCH, shape.window(),
                ReferenceForecaster.zeroState(w, BATCH));

        try (OrtForecaster model = open(w)) {
            StatefulForecast actual = model.run(windows, BATCH, shape.window(),
                    ReferenceForecaster.zeroState(w, BATCH));

            assertClose(expected.forecast(), actual.forecast(), "forecast from zeros, " + shape);
            assertClose(expected.state(), actual.state(), "state after the window from zeros, " + shape);
        }
        assertClose(ReferenceForecaster.forecast(w, windows, BATCH), expected.forecast(),
                "the reference's window mode is its zero-state case, " + shape);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void oneStepAtATimeCarryingTheStateEqualsTheFullWindow(Shape shape) {
        ForecasterWeights w = ForecasterFixtures.randomWeights(shape, 23, 2.0);
        float[] windows = ForecasterFixtures.randomWindows(shape, BATCH, 24);

        try (OrtForecaster model = open(w)) {
            StatefulForecast full = model.run(windows, BATCH, shape.window(), ReferenceForecaster.zeroState(w, BATCH));
            StatefulForecast stepped = null;
            float[] state = ReferenceForecaster.zeroState(w, BATCH);
            for (int step = 0; step < shape.window(); step++) {
                stepped = model.run(steps(windows, shape, step, step + 1), BATCH, 1, state);
                state = stepped.state();
            }

            assertClose(full.forecast(), stepped.forecast(), "forecast after W single steps, " + shape);
            assertClose(full.state(), stepped.state(), "state after W single steps, " + shape);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void anySplitOfTheWindowEqualsTheFullWindow(Shape shape) {
        ForecasterWeights w = ForecasterFixtures.randomWeights(shape, 25, 2.0);
        float[] windows = ForecasterFixtures.randomWindows(shape, BATCH, 26);

        try (OrtForecaster model = open(w)) {
            StatefulForecast full = model.run(windows, BATCH, shape.window(), ReferenceForecaster.zeroState(w, BATCH));
            for (int k = 1; k < shape.window(); k++) {
                StatefulForecast first = model.run(steps(windows, shape, 0, k), BATCH, k,
                        ReferenceForecaster.zeroState(w, BATCH));
                StatefulForecast rest = model.run(steps(windows, shape, k, shape.window()), BATCH,
                        shape.window() - k, first.state());

                assertClose(full.forecast(), rest.forecast(), "forecast split after " + k + " steps, " + shape);
                assertClose(full.state(), rest.state(), "state split after " + k + " steps, " + shape);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void fromAGivenStateOverAnyNumberOfStepsItMatchesTheReference(Shape shape) {
        ForecasterWeights w = ForecasterFixtures.randomWeights(shape, 27, 2.0);
        float[] state = ForecasterFixtures.randomState(shape, BATCH, 28);

        try (OrtForecaster model = open(w)) {
            for (int steps : new int[] {1, 3, shape.window() + 2}) {
                float[] inputs = ForecasterFixtures.randomSteps(shape, BATCH, steps, 29 + steps);
                StatefulForecast expected = ReferenceForecaster.forecast(w, inputs, BATCH, steps, state);

                StatefulForecast actual = model.run(inputs, BATCH, steps, state);

                assertClose(expected.forecast(), actual.forecast(), "forecast, " + steps + " steps from a state, "
                        + shape);
                assertClose(expected.state(), actual.state(), "state, " + steps + " steps from a state, " + shape);
            }
        }
    }

    private static OrtForecaster open(ForecasterWeights w) {
        ModelSpec spec = ForecasterFixtures.specFor(w);
        byte[] onnx = OnnxForecasterExporter.export(w, spec);
        StateShape state = OnnxModelSpecReader.stateShape(onnx, "test export").orElseThrow();
        assertEquals(new StateShape(2 * w.layers().size(), w.hiddenSize()), state, "state shape in the graph");
        return OrtForecaster.open(onnx, spec, state);
    }

    /** Steps {@code [from, to)} of every window. */
    private static float[] steps(float[] windows, Shape shape, int from, int to) {
        int f = shape.features();
        int length = (to - from) * f;
        float[] out = new float[BATCH * length];
        for (int b = 0; b < BATCH; b++) {
            System.arraycopy(windows, (b * shape.window() + from) * f, out, b * length, length);
        }
        return out;
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        LargestDiff diff = LargestDiff.of(actual, expected);
        assertFalse(diff.exceeds(TOLERANCE), () -> what + ": max abs diff " + diff.maxAbsDiff() + " at index "
                + diff.index() + " (actual " + diff.actual() + ", expected " + diff.expected() + "); expected "
                + Arrays.toString(Arrays.copyOf(expected, Math.min(8, expected.length))) + "...");
    }
}
