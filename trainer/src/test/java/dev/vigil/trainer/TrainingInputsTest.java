package dev.vigil.trainer;

import dev.vigil.spec.ModelSpec;
import dev.vigil.spec.OnnxModelSpecReader;
import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.HistoryException;
import dev.vigil.trainer.data.SyntheticHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Multivariate history with input-only features, and the data problems the pipeline itself must catch. */
class TrainingInputsTest {

    @TempDir
    Path dir;

    @Test
    void inputOnlyFeaturesAreReadButNotForecast() {
        History history = SyntheticHistory.of(4, 800, 2).withFlag().generate();
        TrainingReport report = SmallRuns.run(SmallRuns.request(history, List.of("value"), 2, 1,
                dir.resolve("flag.onnx"), false));
        ModelSpec spec = OnnxModelSpecReader.read(report.model());
        assertEquals(List.of("value", "flag"), spec.features());
        assertEquals(List.of("value"), spec.targets());
        assertTrue(report.parity().maxAbsDiff() <= TrainingPipeline.PARITY_TOLERANCE,
                "parity with an input-only feature carried forward: " + report.parity().maxAbsDiff());
    }

    @Test
    void unknownTargetIsRejectedWithTheFeatureList() {
        History history = SyntheticHistory.of(2, 400, 2).generate();
        HistoryException e = assertThrows(HistoryException.class, () -> SmallRuns.run(
                SmallRuns.request(history, List.of("cpu"), 1, 1, dir.resolve("x.onnx"), false)));
        assertTrue(e.getMessage().contains("'cpu'") && e.getMessage().contains("[value]"), e.getMessage());
    }

    @Test
    void tooLittleDataForOneWindowSaysHowMuchIsNeeded() {
        History history = SyntheticHistory.of(2, 40, 2).generate();
        HistoryException e = assertThrows(HistoryException.class, () -> SmallRuns.run(
                SmallRuns.request(history, List.of(), 1, 1, dir.resolve("x.onnx"), false)));
        assertTrue(e.getMessage().contains("too little data") && e.getMessage().contains("window 24")
                && e.getMessage().contains("longest has 40"), e.getMessage());
    }
}
