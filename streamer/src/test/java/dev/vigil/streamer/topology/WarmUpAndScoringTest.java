package dev.vigil.streamer.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.scoring.ThresholdWarmUp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.vigil.streamer.topology.MeanForecaster.STEP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarmUpAndScoringTest {

    @TempDir
    Path stateDir;

    TopologyFixture fixture;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void seriesWarmsUpForWindowSamplesThenEveryPointIsScoredOnce() {
        MeanForecaster model = MeanForecaster.univariate(4, 3);
        fixture = new TopologyFixture(TopologyFixture.settings(1), model, stateDir);
        for (int i = 0; i < 10; i++) {
            fixture.sendValue("web-1", 1_000_000 + i * STEP, i % 2 == 0 ? 10 : 12);
        }
        List<JsonNode> scores = TopologyFixture.json(fixture.scores);
        assertEquals(10, scores.size(), "exactly one score record per input point");
        for (int i = 0; i < 4; i++) {
            assertEquals("warming_up", scores.get(i).get("status").asText(), "point " + i + " is in the warm-up");
            assertEquals(i + 1, scores.get(i).get("samples").asInt());
            assertEquals(4, scores.get(i).get("needed").asInt());
            assertFalse(scores.get(i).has("score"), "nothing is scored during the warm-up");
        }
        for (int i = 4; i < 10; i++) {
            JsonNode s = scores.get(i);
            assertEquals("scored", s.get("status").asText(), "point " + i + " after the warm-up");
            assertEquals(11.0, s.get("expected").get("value").asDouble(), 1e-9, "the window mean, unscaled");
            assertEquals(s.get("actual").get("value").asDouble() - 11.0, s.get("error").get("value").asDouble(), 1e-9);
            assertEquals(1.0, s.get("scaledError").asDouble(), 1e-9, "one window std dev away");
            assertEquals(1.5, s.get("threshold").asDouble(), 1e-9, "the calibrated 0.99 threshold");
            assertEquals(1.0 / 2.5, s.get("score").asDouble(), 1e-9, "score = e / (e + threshold)");
            assertFalse(s.get("anomaly").asBoolean());
            assertEquals(1, s.get("horizonStep").asInt(), "scored against the one-step-ahead forecast");
            assertEquals("mean-test", s.get("modelVersion").asText());
        }
    }

    @Test
    void rawErrorUnitsKeepTheSeriesUnitsAndConvertTheCalibratedThreshold() {
        MeanForecaster model = MeanForecaster.univariate(4, 3);
        StreamerSettings raw = TopologyFixture.settings(1);
        raw = new StreamerSettings(raw.inputTopic(), raw.scoresTopic(), raw.forecastsTopic(), raw.anomaliesTopic(),
                raw.deadLetterTopic(), raw.batchMaxSize(), raw.batchMaxLingerMs(), raw.gapFillMaxSteps(),
                raw.thresholdQuantile(), raw.smoothingAlpha(), raw.errorHistory(), raw.minErrorHistory(),
                raw.minThresholdFraction(), raw.openAfterSteps(), raw.resolveAfterQuietSteps(), raw.maxLabels(),
                raw.maxFutureMs(), 0, 0, true, raw.inferenceMode(), raw.stateRefreshSteps(),
                raw.stateMaxDrift(), 0, ThresholdWarmUp.CALIBRATED);
        fixture = new TopologyFixture(raw, model, stateDir);
        for (int i = 0; i < 6; i++) {
            fixture.sendValue("web-1", 1_000_000 + i * STEP, i % 2 == 0 ? 100 : 120);
        }
        JsonNode s = TopologyFixture.json(fixture.scores).get(5);
        assertEquals(10.0, s.get("scaledError").asDouble(), 1e-9, "the error in the series' units, not 1 std dev");
        assertEquals(15.0, s.get("threshold").asDouble(), 1e-9,
                "the calibrated 1.5 window std devs, in the series' units (window std dev 10)");
        assertEquals(10.0 / 25.0, s.get("score").asDouble(), 1e-9, "the score does not depend on the units");
        assertEquals(110.0 - 15.0, s.get("lower").get("value").asDouble(), 1e-9, "the band is the same in both");
    }

    @Test
    void forecastPathHasHStepsAfterTheWindowsLastTimestamp() {
        MeanForecaster model = MeanForecaster.univariate(4, 3);
        fixture = new TopologyFixture(TopologyFixture.settings(1), model, stateDir);
        for (int i = 0; i < 4; i++) {
            fixture.sendValue("web-1", 1_000_000 + i * STEP, i % 2 == 0 ? 10 : 12);
        }
        List<JsonNode> forecasts = TopologyFixture.json(fixture.forecasts);
        assertEquals(1, forecasts.size(), "one forecast once the window is full");
        JsonNode f = forecasts.get(0);
        assertEquals("web-1", f.get("series").asText());
        assertEquals(1_003_000, f.get("origin").asLong(), "made from the window ending at the 4th point");
        assertEquals(3, f.get("steps").size(), "H steps");
        for (int h = 0; h < 3; h++) {
            assertEquals(1_003_000 + (h + 1) * STEP, f.get("steps").get(h).get("ts").asLong());
            assertEquals(11.0, f.get("steps").get(h).get("values").get("value").asDouble(), 1e-9);
        }
    }

    @Test
    void forecastsAreBatchedAcrossSeriesAndFlushedOnLinger() {
        MeanForecaster model = MeanForecaster.univariate(4, 3);
        fixture = new TopologyFixture(TopologyFixture.settings(8), model, stateDir);
        for (int i = 0; i < 4; i++) {
            for (int s = 0; s < 5; s++) {
                fixture.sendValue("host-" + s, 1_000_000 + i * STEP, 10 + s + (i % 2));
            }
        }
        assertEquals(0, model.calls.get(), "5 series queued below the batch size of 8: no inference yet");
        assertTrue(fixture.forecasts.isEmpty());
        fixture.lingerPasses();
        assertEquals(1, model.calls.get(), "one inference call for all queued series");
        assertEquals(5, model.largestBatch, "batched across the 5 series");
        assertEquals(5, TopologyFixture.json(fixture.forecasts).size(), "one forecast record per series");
    }

    @Test
    void aPointArrivingBeforeItsBatchUsesTheOlderForecastsLaterStep() {
        MeanForecaster model = MeanForecaster.univariate(4, 3);
        fixture = new TopologyFixture(TopologyFixture.settings(8), model, stateDir);
        for (int i = 0; i < 4; i++) {
            fixture.sendValue("web-1", 1_000_000 + i * STEP, i % 2 == 0 ? 10 : 12);
        }
        fixture.lingerPasses();
        fixture.sendValue("web-1", 1_004_000, 10);
        fixture.sendValue("web-1", 1_005_000, 12);
        List<JsonNode> scores = TopologyFixture.json(fixture.scores);
        assertEquals(1, scores.get(4).get("horizonStep").asInt());
        assertEquals(2, scores.get(5).get("horizonStep").asInt(),
                "no batch ran in between: scored against step 2 of the earlier forecast (output feedback)");
        assertEquals(1, model.calls.get(), "no extra inference was forced");
    }
}
