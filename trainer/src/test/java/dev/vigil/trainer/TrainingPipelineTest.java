package dev.vigil.trainer;

import dev.vigil.spec.ForecastMetrics;
import dev.vigil.spec.ModelSpec;
import dev.vigil.spec.OnnxModelSpecReader;
import dev.vigil.spec.StepMetrics;
import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.SyntheticHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One small end-to-end run on seasonal synthetic series, checked from every side. */
class TrainingPipelineTest {

    @TempDir
    static Path dir;

    static History history;
    static TrainingReport report;

    @BeforeAll
    static void train() {
        history = SyntheticHistory.of(8, 1500, 3).generate();
        report = SmallRuns.run(SmallRuns.request(history, List.of(), 8, 42, dir.resolve("model.onnx"), true));
    }

    @Test
    void lstmBeatsLastValueAndSeasonalNaiveAtEveryHorizonStep() {
        ForecastMetrics metrics = report.spec().provenance().testMetrics();
        assertEquals(24, metrics.seasonalPeriod(), "the synthetic series have a 24-step season to detect");
        for (int h = 0; h < metrics.model().size(); h++) {
            StepMetrics model = metrics.model().get(h);
            StepMetrics last = metrics.lastValue().get(h);
            StepMetrics seasonal = metrics.seasonalNaive().get(h);
            assertTrue(model.rmse() < last.rmse(), "step " + (h + 1) + ": LSTM RMSE " + model.rmse()
                    + " should beat last-value RMSE " + last.rmse());
            assertTrue(model.rmse() < seasonal.rmse(), "step " + (h + 1) + ": LSTM RMSE " + model.rmse()
                    + " should beat seasonal-naive RMSE " + seasonal.rmse());
            assertTrue(model.mae() < seasonal.mae() && model.mae() < last.mae(),
                    "step " + (h + 1) + ": LSTM MAE " + model.mae() + " should beat both baselines");
        }
    }

    @Test
    void onnxRuntimeMatchesTheTrainedModelOnHeldOutWindows() {
        assertTrue(report.parity().maxAbsDiff() <= TrainingPipeline.PARITY_TOLERANCE,
                "export parity " + report.parity().maxAbsDiff() + " exceeds " + TrainingPipeline.PARITY_TOLERANCE);
        assertEquals(TrainingPipeline.PARITY_WINDOWS, report.parity().windows(), "held-out windows compared");
    }

    @Test
    void writtenModelCarriesTheSpecAndProvenance() {
        ModelSpec spec = OnnxModelSpecReader.read(report.model());
        assertEquals(List.of("value"), spec.features());
        assertEquals(List.of("value"), spec.targets());
        assertEquals(24, spec.windowSize());
        assertEquals(6, spec.horizon());
        assertEquals(60_000L, spec.stepMillis(), "step interval of the synthetic series");
        assertEquals(history.source(), spec.provenance().data().source());
        assertEquals(1500L * 8, spec.provenance().data().points());
        assertEquals(64, spec.provenance().data().fingerprint().length(), "SHA-256 hex fingerprint");
        assertEquals(42L, spec.provenance().hyperparameters().seed());
        assertEquals(report.fit().bestEpoch(), spec.provenance().bestEpoch());
        assertEquals(6, spec.provenance().testMetrics().model().size(), "one metrics row per horizon step");
    }

    @Test
    void thresholdsAreCalibratedPerQuantileStepAndTarget() {
        var thresholds = report.spec().thresholds();
        assertEquals(SmallRuns.QUANTILES, thresholds.quantiles());
        assertEquals(1024, thresholds.samples(), "calibrated on the validation sample");
        for (int h = 0; h < 6; h++) {
            double p99 = thresholds.at(0, h, 0);
            double p999 = thresholds.at(1, h, 0);
            assertTrue(p99 > 0 && p999 >= p99, "step " + h + ": thresholds " + p99 + " <= " + p999 + " expected");
        }
        assertTrue(thresholds.at(0, 5, 0) > thresholds.at(0, 0, 0),
                "a forecast 6 steps ahead should be allowed a larger error than the next step's");
    }

    @Test
    void chartsAreWrittenNextToTheModel() throws IOException {
        assertEquals(List.of(dir.resolve("model.loss.png"), dir.resolve("model.forecast.png")), report.charts());
        for (Path chart : report.charts()) {
            byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(chart), 4);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head, chart + " should be a PNG file");
        }
    }

    @Test
    void earlyStoppingKeepsTheBestEpoch() {
        double best = report.fit().bestValidationLoss();
        report.fit().epochs().forEach(e -> assertTrue(e.validationLoss() >= best,
                "epoch " + e.epoch() + " has a lower validation loss than the kept best epoch"));
    }
}
