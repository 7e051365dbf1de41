package dev.vigil.trainer.export;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tiny models with hidden size 1, whose forecasts were worked out on paper from PyTorch's LSTM equations
 * (sigma = logistic; gates in order i, f, g, o):
 * <pre>
 *   i = sigma(Wi.x + ui*h + bi + ci)   f = sigma(Wf.x + uf*h + bf + cf)
 *   g = tanh(Wg.x + ug*h + bg + cg)    o = sigma(Wo.x + uo*h + bo + co)
 *   c' = f*c + i*g                     h' = o*tanh(c')          forecast = 1.5*h - 0.2
 * </pre>
 * Both the reference forward and the exported graph in ONNX Runtime must reproduce them, which pins the gate
 * order, the bias sum and the feedback rule to the spec rather than only to each other.
 */
class HandComputedForecastTest {

    private static final float[] RECURRENT = {0.1f, 0.4f, -0.6f, 0.3f};
    private static final float[] INPUT_BIAS = {0.05f, 0.1f, -0.05f, 0f};
    private static final float[] HIDDEN_BIAS = {0f, 0.2f, 0.1f, -0.1f};

    /**
     * One feature, H = 1: two LSTM steps on x = (0.7, -1.2), then the head once.
     * Step 1 (h = c = 0): i = sigma(0.40), f = sigma(0.09), g = tanh(0.61), o = sigma(0.04) gives c = 0.32576,
     * h = 0.16050; step 2: i = sigma(-0.53395), f = sigma(0.72420), g = tanh(-1.00630), o = sigma(-0.29185) gives
     * c = -0.06304, h = -0.02692; forecast = 1.5 * h - 0.2 = -0.2403786.
     */
    @Test
    void singleStepIsOneLstmPassPlusDense() {
        ForecasterWeights w = model(1, new float[] {0.5f, -0.3f, 0.8f, 0.2f}, new int[] {0}, 1);
        float[] window = {0.7f, -1.2f};
        float[] expected = {-0.24037861643899666f};

        assertArrayEquals(expected, ReferenceForecaster.forecast(w, window, 1), 1e-6f);
        float[] state = ReferenceForecaster.forecast(w, window, 1, 2, new float[2]).state();
        assertArrayEquals(new float[] {-0.02692f, -0.06304f}, state, 1e-5f, "state after the window: h, then c");
        ParityReport report = ExportVerifier.verify(OnnxForecasterExporter.export(w, ForecasterFixtures.specFor(w)),
                window, 1, expected, state, 1e-6);
        assertTrue(report.maxAbsDiff() <= 1e-6);
    }

    /**
     * The same model fed only x = -1.2 from the state after step 1 (h = 0.16050, c = 0.32576, given as {@code [h, c]})
     * forecasts what the whole window does, up to the rounding of that state.
     */
    @Test
    void startingFromTheStateAfterTheFirstStepOnlyTheSecondIsFed() {
        ForecasterWeights w = model(1, new float[] {0.5f, -0.3f, 0.8f, 0.2f}, new int[] {0}, 1);

        StatefulForecast result = ReferenceForecaster.forecast(w, new float[] {-1.2f}, 1, 1,
                new float[] {0.16050f, 0.32576f});

        assertArrayEquals(new float[] {-0.24037861643899666f}, result.forecast(), 1e-5f, "forecast from step 1");
        assertArrayEquals(new float[] {-0.02692f, -0.06304f}, result.state(), 1e-5f, "state after step 2");
    }

    /**
     * Two features, target = feature 1, H = 2. After the window ((0.3, -0.5), (1.1, 0.9)) the forecast is
     * p1 = 0.0690484; the fed-back input is (1.1, p1): feature 0 carried forward from the last observed step,
     * feature 1 replaced by its forecast. One more LSTM step from the carried state gives p2 = 0.2869581.
     */
    @Test
    void feedbackReplacesTargetsAndCarriesOtherFeaturesForward() {
        float[] inputToHidden = {0.5f, -0.4f, -0.3f, 0.6f, 0.8f, 0.3f, 0.2f, -0.7f};
        ForecasterWeights w = model(2, inputToHidden, new int[] {1}, 2);
        float[] window = {0.3f, -0.5f, 1.1f, 0.9f};
        float[] expected = {0.06904839310651045f, 0.2869581179206025f};

        assertArrayEquals(expected, ReferenceForecaster.forecast(w, window, 1), 1e-6f);
        ExportVerifier.verify(OnnxForecasterExporter.export(w, ForecasterFixtures.specFor(w)), window, 1, expected,
                1e-6);
    }

    @Test
    void referenceRefusesAStateOfTheWrongLength() {
        ForecasterWeights w = model(1, new float[] {0.5f, -0.3f, 0.8f, 0.2f}, new int[] {0}, 1);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferenceForecaster.forecast(w, new float[] {0.7f}, 1, 1, new float[3]));

        assertTrue(e.getMessage().contains("state: expected batch * 2 * layers * hidden = 1 * 2 * 1 = 2 floats, "
                + "found 3"), e::getMessage);
    }

    @Test
    void referenceRefusesWindowsOfTheWrongLength() {
        ForecasterWeights w = model(1, new float[] {0.5f, -0.3f, 0.8f, 0.2f}, new int[] {0}, 1);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferenceForecaster.forecast(w, new float[3], 1));

        assertTrue(e.getMessage().contains("expected batch * windowSize * inputSize = 1 * 2 * 1 floats, found 3"),
                e::getMessage);
    }

    private static ForecasterWeights model(int features, float[] inputToHidden, int[] targets, int horizon) {
        ForecasterWeights.LayerWeights layer = new ForecasterWeights.LayerWeights(inputToHidden, RECURRENT,
                INPUT_BIAS, HIDDEN_BIAS);
        return new ForecasterWeights(features, 1, targets, 2, horizon, List.of(layer), new float[] {1.5f},
                new float[] {-0.2f});
    }
}
