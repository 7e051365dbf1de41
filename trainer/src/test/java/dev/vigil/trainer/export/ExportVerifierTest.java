package dev.vigil.trainer.export;

import ai.onnx.proto.OnnxMl;
import dev.vigil.spec.InvalidModelSpecException;
import dev.vigil.trainer.export.ForecasterFixtures.Shape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ExportVerifier} passes a faithful export and names the difference when it is not. */
class ExportVerifierTest {

    private static final Shape SHAPE = new Shape("multivariate, target subset", 3, 8, 2, new int[] {0, 2}, 8, 3);
    private static final int BATCH = 5;

    private final ForecasterWeights weights = ForecasterFixtures.randomWeights(SHAPE, 11, 2.0);
    private final float[] windows = ForecasterFixtures.randomWindows(SHAPE, BATCH, 12);
    private final float[] expected = ReferenceForecaster.forecast(weights, windows, BATCH);
    private final float[] expectedState = ReferenceForecaster.forecast(weights, windows, BATCH, SHAPE.window(),
            ReferenceForecaster.zeroState(weights, BATCH)).state();
    private final byte[] faithful = OnnxForecasterExporter.export(weights, ForecasterFixtures.specFor(weights));

    @Test
    void failsWhenAWeightWasPerturbed() {
        ForecasterWeights perturbed = ForecasterFixtures.withRecurrentWeightShifted(weights, 1, 7, 0.5f);
        byte[] onnx = OnnxForecasterExporter.export(perturbed, ForecasterFixtures.specFor(perturbed));

        ExportMismatchException e = assertThrows(ExportMismatchException.class,
                () -> ExportVerifier.verify(onnx, windows, BATCH, expected, 1e-5));

        assertTrue(e.maxAbsDiff() > 1e-4, () -> "max abs diff " + e.maxAbsDiff());
        assertTrue(e.getMessage().contains("max abs diff " + e.maxAbsDiff() + " exceeds tolerance 1.0E-5"),
                e::getMessage);
    }

    @Test
    void namesTheWindowStepAndTargetOfTheLargestDifference() {
        byte[] onnx = OnnxForecasterExporter.export(weights, ForecasterFixtures.specFor(weights));
        float[] wrong = expected.clone();
        int window = 3;
        int step = 2;
        int target = 1;
        int index = (window * SHAPE.horizon() + step) * SHAPE.targets().length + target;
        wrong[index] += 0.01f;

        ExportMismatchException e = assertThrows(ExportMismatchException.class,
                () -> ExportVerifier.verify(onnx, windows, BATCH, wrong, 1e-5));

        assertEquals(window, e.window());
        assertEquals(step, e.row());
        assertEquals(target, e.column());
        assertEquals(0.01, e.maxAbsDiff(), 1e-4);
        assertTrue(e.getMessage().contains("window 3, horizon step 2, target 1 'f2'"), e::getMessage);
    }

    @Test
    void reportsTheComparisonWhenItPasses() {
        byte[] onnx = OnnxForecasterExporter.export(weights, ForecasterFixtures.specFor(weights));

        ParityReport report = ExportVerifier.verify(onnx, windows, BATCH, expected, expectedState, 1e-5);

        assertEquals(BATCH, report.windows());
        assertEquals(BATCH * SHAPE.horizon() * SHAPE.targets().length, report.valuesCompared());
        assertEquals(BATCH * 2 * SHAPE.layers() * SHAPE.hidden(), report.stateValuesCompared());
        assertEquals(1e-5, report.tolerance());
        assertTrue(report.maxAbsDiff() <= 1e-5, () -> "forecast diff " + report.maxAbsDiff());
        assertTrue(report.maxStateAbsDiff() <= 1e-5, () -> "state diff " + report.maxStateAbsDiff());
        assertTrue(report.maxSteppedAbsDiff() <= 1e-5, () -> "stepping diff " + report.maxSteppedAbsDiff());
    }

    @Test
    void withoutAnExpectedStateNoStateValuesAreCompared() {
        ParityReport report = ExportVerifier.verify(faithful, windows, BATCH, expected, 1e-5);

        assertEquals(0, report.stateValuesCompared(), "state values compared");
        assertEquals(0.0, report.maxStateAbsDiff(), "state diff");
    }

    /** The forecasts stay right; only the state output, which stateful serving carries, is wrong. */
    @Test
    void failsWhenTheStateOutputHasHAndCSwapped() {
        byte[] swapped = ForecasterFixtures.withNode(faithful, "state_time_major", ExportVerifierTest::swapHalves);

        ExportMismatchException e = assertThrows(ExportMismatchException.class,
                () -> ExportVerifier.verify(swapped, windows, BATCH, expected, expectedState, 1e-5));

        assertEquals(ExportMismatchException.STATE, e.output());
        assertTrue(e.getMessage().startsWith("exported model's state disagrees with the expected state: max abs diff"),
                e::getMessage);
    }

    @Test
    void withoutAnExpectedStateSteppingCatchesASwappedStateOutput() {
        byte[] swapped = ForecasterFixtures.withNode(faithful, "state_time_major", ExportVerifierTest::swapHalves);

        ExportMismatchException e = assertThrows(ExportMismatchException.class,
                () -> ExportVerifier.verify(swapped, windows, BATCH, expected, 1e-5));

        assertEquals(ExportMismatchException.FORECAST, e.output());
        assertTrue(e.getMessage().contains("forecast after W - 1 steps from zeros and the last step from their state "
                + "disagrees with its full-window forecast"), e::getMessage);
    }

    /** From zeros a misread state_in cannot show, so only the stepping check can catch it. */
    @Test
    void steppingCatchesAGraphThatReadsItsStateInputTheWrongWayRound() {
        byte[] misread = ForecasterFixtures.withNode(faithful, "state_split", node -> {
            List<String> outputs = new ArrayList<>(node.getOutputList());
            Collections.rotate(outputs, outputs.size() / 2);
            return node.clearOutput().addAllOutput(outputs);
        });

        ExportMismatchException e = assertThrows(ExportMismatchException.class,
                () -> ExportVerifier.verify(misread, windows, BATCH, expected, expectedState, 1e-5));

        assertTrue(e.getMessage().contains("after W - 1 steps from zeros and the last step from their state"),
                e::getMessage);
    }

    @Test
    void refusesAModelWithoutTheStatePair() throws Exception {
        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.parseFrom(faithful).toBuilder();
        model.getGraphBuilder().removeInput(1).removeOutput(1);
        byte[] windowOnly = model.build().toByteArray();

        InvalidModelSpecException e = assertThrows(InvalidModelSpecException.class,
                () -> ExportVerifier.verify(windowOnly, windows, BATCH, expected, 1e-5));

        assertTrue(e.getMessage().contains("expected graph input 'state_in' and output 'state' for stateful serving, "
                + "found neither"), e::getMessage);
    }

    @Test
    void refusesAnExpectedStateOfTheWrongLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExportVerifier.verify(faithful, windows, BATCH, expected, new float[3], 1e-5));

        assertTrue(e.getMessage().contains("expectedState: expected batch * 2 * layers * hidden = 5 * 4 * 8 = 160"),
                e::getMessage);
    }

    private static OnnxMl.NodeProto.Builder swapHalves(OnnxMl.NodeProto.Builder node) {
        List<String> inputs = new ArrayList<>(node.getInputList());
        Collections.rotate(inputs, inputs.size() / 2);
        return node.clearInput().addAllInput(inputs);
    }

    @Test
    void aNanForecastNeverPasses() {
        byte[] onnx = OnnxForecasterExporter.export(weights, ForecasterFixtures.specFor(weights));
        float[] wrong = expected.clone();
        wrong[4] = Float.NaN;

        ExportMismatchException e = assertThrows(ExportMismatchException.class,
                () -> ExportVerifier.verify(onnx, windows, BATCH, wrong, 1e-5));

        assertEquals(Double.POSITIVE_INFINITY, e.maxAbsDiff());
    }

    @Test
    void refusesInputsOfTheWrongLength() {
        byte[] onnx = OnnxForecasterExporter.export(weights, ForecasterFixtures.specFor(weights));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExportVerifier.verify(onnx, windows, BATCH + 1, expected, 1e-5));

        assertTrue(e.getMessage().contains("windows: expected batch * windowSize * features = 6 * 8 * 3 = 144"),
                e::getMessage);
    }
}
