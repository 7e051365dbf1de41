package dev.vigil.trainer.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.scaling.WindowScaler;
import dev.vigil.scaling.WindowStats;
import dev.vigil.spec.ModelSpec;
import dev.vigil.spec.OnnxModelSpecReader;
import dev.vigil.spec.StateShape;
import dev.vigil.trainer.export.ExportVerifier;
import dev.vigil.trainer.export.ParityReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The committed golden model still means what its fixtures say: scaling, inference and unscaling agree. */
class GoldenFixtureTest {

    static byte[] model;
    static ModelSpec spec;
    static List<GoldenFixtures.Case> cases;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = GoldenFixtureTest.class.getResourceAsStream("/golden/" + GoldenFixtures.MODEL_FILE);
             InputStream json = GoldenFixtureTest.class.getResourceAsStream("/golden/" + GoldenFixtures.CASES_FILE)) {
            model = in.readAllBytes();
            cases = JsonMapper.builder().build().readValue(json, new TypeReference<>() {
            });
        }
        spec = OnnxModelSpecReader.read(model, "golden model");
    }

    @Test
    void goldenModelIsTheDocumentedShape() {
        assertEquals(List.of("value", "flag"), spec.features());
        assertEquals(List.of("value"), spec.targets());
        assertEquals(8, spec.windowSize());
        assertEquals(3, spec.horizon());
        assertFalse(cases.isEmpty(), "fixture cases");
    }

    @Test
    void sharedScalerTurnsRawWindowsIntoTheModelInput() {
        WindowScaler scaler = new WindowScaler(spec.scaling(), spec.windowSize(), spec.features().size());
        for (GoldenFixtures.Case c : cases) {
            float[] scaled = new float[spec.windowSize() * spec.features().size()];
            scaler.scaleInto(flatten(c.raw()), 0, scaled, 0);
            assertArrayEquals(flatten(c.scaledInput()), scaled, "scaled window of " + c.series() + " at "
                    + c.windowEndMillis());
        }
    }

    @Test
    void goldenModelCarriesTheStateOfItsOneLayer() {
        assertEquals(Optional.of(new StateShape(2, 8)), OnnxModelSpecReader.stateShape(model, "golden model"));
        for (GoldenFixtures.Case c : cases) {
            assertEquals(2, c.state().length, "state rows (h, then c) of " + c.series());
            assertEquals(8, c.state()[0].length, "hidden units of " + c.series());
        }
    }

    /** Forecast and state from zeros, and stepping the last step from the state of the others, as the verifier does. */
    @Test
    void onnxRuntimeReproducesTheTrainedForecastsAndStates() {
        int f = spec.features().size();
        int w = spec.windowSize();
        int ht = spec.horizon() * spec.targets().size();
        int stateFloats = 2 * 8;
        float[] inputs = new float[cases.size() * w * f];
        float[] expected = new float[cases.size() * ht];
        float[] expectedState = new float[cases.size() * stateFloats];
        for (int i = 0; i < cases.size(); i++) {
            System.arraycopy(flatten(cases.get(i).scaledInput()), 0, inputs, i * w * f, w * f);
            System.arraycopy(flatten(cases.get(i).scaledForecast()), 0, expected, i * ht, ht);
            System.arraycopy(flatten(cases.get(i).state()), 0, expectedState, i * stateFloats, stateFloats);
        }
        ParityReport report = ExportVerifier.verify(model, inputs, cases.size(), expected, expectedState, 1e-5);
        assertEquals(cases.size(), report.windows());
        assertEquals(expectedState.length, report.stateValuesCompared());
    }

    @Test
    void unscalingTheForecastGivesTheSeriesUnits() {
        WindowScaler scaler = new WindowScaler(spec.scaling(), spec.windowSize(), spec.features().size());
        int[] targets = spec.targetIndices();
        for (GoldenFixtures.Case c : cases) {
            WindowStats stats = scaler.stats(flatten(c.raw()), 0);
            for (int h = 0; h < spec.horizon(); h++) {
                for (int t = 0; t < targets.length; t++) {
                    assertEquals(c.forecast()[h][t], stats.unscale(targets[t], c.scaledForecast()[h][t]), 1e-9,
                            "unscaled forecast of " + c.series() + " step " + (h + 1));
                }
            }
        }
    }

    private static double[] flatten(double[][] rows) {
        return java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static float[] flatten(float[][] rows) {
        int n = 0;
        for (float[] row : rows) {
            n += row.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] row : rows) {
            System.arraycopy(row, 0, out, at, row.length);
            at += row.length;
        }
        return out;
    }
}
