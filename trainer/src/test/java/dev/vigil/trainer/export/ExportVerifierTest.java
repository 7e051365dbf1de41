package dev.vigil.trainer.export;

import dev.vigil.trainer.export.ForecasterFixtures.Shape;
import org.junit.jupiter.api.Test;

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
        assertEquals(step, e.step());
        assertEquals(target, e.target());
        assertEquals(0.01, e.maxAbsDiff(), 1e-4);
        assertTrue(e.getMessage().contains("window 3, horizon step 2, target 1 'f2'"), e::getMessage);
    }

    @Test
    void reportsTheComparisonWhenItPasses() {
        byte[] onnx = OnnxForecasterExporter.export(weights, ForecasterFixtures.specFor(weights));

        ParityReport report = ExportVerifier.verify(onnx, windows, BATCH, expected, 1e-5);

        assertEquals(BATCH, report.windows());
        assertEquals(BATCH * SHAPE.horizon() * SHAPE.targets().length, report.valuesCompared());
        assertEquals(1e-5, report.tolerance());
        assertTrue(report.maxAbsDiff() <= 1e-5);
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
