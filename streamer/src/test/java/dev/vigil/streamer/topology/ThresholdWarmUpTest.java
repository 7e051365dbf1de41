package dev.vigil.streamer.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.scoring.ThresholdWarmUp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.vigil.streamer.topology.MeanForecaster.STEP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vigil.threshold.warmup}: a series the model forecasts worse than its calibration (a steady ramp, which the
 * window-mean model always forecasts 2.2 window standard deviations short of, against a calibrated 1.5) alerts
 * well past the calibrated warm-up, and takes that error as its normal when it learns.
 */
class ThresholdWarmUpTest {

    static final int WINDOW = 4;
    static final int MIN_HISTORY = TopologyFixture.ADAPT_AFTER;
    static final int RAMP = 200;
    static final int SPIKE = 5;
    static final long START = 1_000_000;

    @TempDir
    Path stateDir;

    record Run(List<JsonNode> scores, List<JsonNode> events) {
    }

    /** A ramp rising 10 per step, then a spike of 500 above it for a few steps. */
    Run run(ThresholdWarmUp warmUp) {
        try (TopologyFixture fixture = new TopologyFixture(TopologyFixture.rawErrorSettings(0, warmUp),
                MeanForecaster.univariate(WINDOW, 3), stateDir.resolve(warmUp.id()))) {
            for (int i = 0; i < RAMP + SPIKE; i++) {
                fixture.sendValue("queue-1", START + i * STEP, 10.0 * i + (i >= RAMP ? 500 : 0));
            }
            return new Run(TopologyFixture.json(fixture.scores), TopologyFixture.json(fixture.anomalies));
        }
    }

    static long openedBefore(Run run, int point) {
        return run.events().stream()
                .filter(e -> e.get("type").asText().equals("OPENED") && e.get("ts").asLong() < START + point * STEP)
                .count();
    }

    @Test
    void calibratedWarmUpFlagsASeriesTheModelForecastsWorseThanItsCalibrationPastTheWarmUp() {
        Run run = run(ThresholdWarmUp.CALIBRATED);
        int flagged = WINDOW;
        while (flagged < RAMP && run.scores().get(flagged).get("anomaly").asBoolean()) {
            flagged++;
        }
        assertTrue(flagged > WINDOW + MIN_HISTORY, "errors held at the calibrated threshold make the adapted one "
                + "catch up slowly, so the ramp stays flagged past the warm-up; first point not flagged: " + flagged);
        assertEquals(1, openedBefore(run, RAMP), "one anomaly opened on the ramp: " + run.events());
    }

    @Test
    void learnWarmUpFlagsNothingUntilItHoldsEnoughErrorsAndThenTakesThemAsNormal() {
        Run run = run(ThresholdWarmUp.LEARN);
        assertEquals(RAMP + SPIKE, run.scores().size(), "one score record per point");
        for (int i = WINDOW; i < WINDOW + MIN_HISTORY; i++) {
            JsonNode s = run.scores().get(i);
            assertEquals("scored", s.get("status").asText(), "point " + i + " has a forecast and an error: " + s);
            assertTrue(s.has("expected") && s.has("smoothedError"), "point " + i + ": " + s);
            assertFalse(s.has("threshold") || s.has("score") || s.has("lower") || s.has("upper"),
                    "point " + i + ": no threshold while the series learns its errors: " + s);
            assertFalse(s.get("anomaly").asBoolean(), "point " + i + ": nothing anomalous while learning: " + s);
        }
        for (int i = WINDOW + MIN_HISTORY; i < RAMP; i++) {
            JsonNode s = run.scores().get(i);
            assertTrue(s.has("threshold") && s.has("score"), "point " + i + " has a threshold: " + s);
            assertFalse(s.get("anomaly").asBoolean(), "point " + i + ": the ramp's steady error is its normal: " + s);
        }
        assertEquals(0, openedBefore(run, RAMP), "no anomaly on the ramp: " + run.events());
        assertEquals(1, openedBefore(run, RAMP + SPIKE), "the spike opens one: " + run.events());
    }
}
