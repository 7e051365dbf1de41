package dev.vigil.streamer.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.inference.InferenceMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.vigil.streamer.topology.MeanForecaster.STEP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stateful mode: the stored LSTM state advances one step per record and is re-derived from the window when due. */
class StatefulInferenceTest {

    private static final int W = 8;
    private static final long T0 = 1_000_000L;

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private LastValueStateForecaster start(InferenceMode mode, int refreshSteps) {
        LastValueStateForecaster model = new LastValueStateForecaster(W, 3);
        fixture = new TopologyFixture(TopologyFixture.settings(1).withInference(mode, refreshSteps, 1e9), model,
                stateDir);
        return model;
    }

    /** Sends steps 0 .. count-1 of series "a". */
    private void sendSteps(int count) {
        for (int i = 0; i < count; i++) {
            fixture.sendValue("a", T0 + i * STEP, value(i));
        }
    }

    private static double value(int i) {
        return 100 + 10 * Math.sin(i / 2.0) + i;
    }

    @Test
    void afterWarmUpTheStateIsDerivedOnceAndThenAdvancedOneStepPerRecord() {
        LastValueStateForecaster model = start(InferenceMode.AUTO, 100);
        sendSteps(W + 5);
        List<LastValueStateForecaster.Call> calls = model.callsAndClear();
        assertEquals(6, calls.size(), "one forecast when the window fills, then one per record: " + calls);
        assertEquals(new LastValueStateForecaster.Call(1, W), calls.get(0), "the first derives from the window");
        calls.subList(1, calls.size()).forEach(c -> assertEquals(new LastValueStateForecaster.Call(1, 1), c,
                "later forecasts advance the carried state by one step: " + calls));
        assertEquals(W + 5, model.lastStates[1], 0, "the carried state absorbed every step of the series");
    }

    @Test
    void statefulAndWindowModeForecastTheSameWhenTheModelIgnoresHowTheStateWasReached() {
        List<Double> stateful = expectedValues(InferenceMode.STATEFUL);
        close();
        fixture = null;
        List<Double> window = expectedValues(InferenceMode.WINDOW);
        assertEquals(window.size(), stateful.size());
        for (int i = 0; i < window.size(); i++) {
            assertEquals(window.get(i), stateful.get(i), 1e-5,
                    "the last-value model forecasts the last value in both modes, up to float rounding, at " + i);
        }
        assertEquals(value(W), stateful.get(1), 1e-5, "scaled with the frozen statistics and unscaled with them");
    }

    private List<Double> expectedValues(InferenceMode mode) {
        start(mode, 0);
        for (int i = 0; i < 3 * W; i++) {
            fixture.sendValue("a", T0 + i * STEP, value(i));
        }
        return TopologyFixture.json(fixture.scores).stream()
                .filter(s -> s.get("status").asText().equals("scored"))
                .map(s -> s.get("expected").get("value").asDouble())
                .toList();
    }

    @Test
    void windowModeNeverCarriesState() {
        LastValueStateForecaster model = start(InferenceMode.WINDOW, 0);
        sendSteps(W + 5);
        model.callsAndClear().forEach(c -> assertEquals(W, c.steps(), "every forecast runs the whole window"));
    }

    @Test
    void theStateIsDerivedAgainAtTheRefreshInterval() {
        LastValueStateForecaster model = start(InferenceMode.STATEFUL, 4);
        sendSteps(W + 40);
        List<LastValueStateForecaster.Call> calls = model.callsAndClear();
        int sinceDerive = 0;
        int derivations = 0;
        for (LastValueStateForecaster.Call call : calls) {
            if (call.steps() == W) {
                derivations++;
                sinceDerive = 0;
            } else {
                sinceDerive++;
                assertTrue(sinceDerive <= 4, "at most 4 steps between derivations: " + calls);
            }
        }
        assertTrue(derivations >= 41 / 5, "derived every 4 or 5 forecasts, found " + derivations + ": " + calls);
    }

    @Test
    void aWindowThatDriftsFromTheFrozenScalingDerivesTheStateAgain() {
        LastValueStateForecaster model = new LastValueStateForecaster(W, 3);
        fixture = new TopologyFixture(TopologyFixture.settings(1).withInference(InferenceMode.STATEFUL, 100, 0.1),
                model, stateDir);
        for (int i = 0; i < W + 3; i++) {
            fixture.sendValue("a", T0 + i * STEP, 100 + (i % 2)); // the same mean and spread in every window
        }
        List<LastValueStateForecaster.Call> calls = model.callsAndClear();
        assertEquals(new LastValueStateForecaster.Call(1, W), calls.get(0));
        calls.subList(1, calls.size()).forEach(c -> assertEquals(1, c.steps(),
                "a window like the one the state was derived from keeps stepping: " + calls));
        fixture.sendValue("a", T0 + (W + 3) * STEP, 130);
        assertEquals(List.of(new LastValueStateForecaster.Call(1, W)), model.callsAndClear(),
                "the jump moved the window's mean and spread far beyond 0.1 frozen scales");
    }

    @Test
    void aFilledGapMakesTheNextForecastDeriveFromTheWindow() {
        LastValueStateForecaster model = start(InferenceMode.STATEFUL, 100);
        sendSteps(W + 2);
        model.callsAndClear();
        fixture.sendValue("a", T0 + (W + 4) * STEP, value(W + 4)); // steps W + 2 and W + 3 are filled
        assertEquals(List.of(new LastValueStateForecaster.Call(1, W)), model.callsAndClear(),
                "the carried state never saw the filled steps, so the window re-derives it");
        fixture.sendValue("a", T0 + (W + 5) * STEP, value(W + 5));
        assertEquals(List.of(new LastValueStateForecaster.Call(1, 1)), model.callsAndClear());
    }

    @Test
    void anotherModelDerivesEveryStateAgain() {
        LastValueStateForecaster model = start(InferenceMode.STATEFUL, 100);
        for (int i = 0; i < W + 2; i++) {
            fixture.sendValue("a", T0 + i * STEP, value(i));
            fixture.sendValue("b", T0 + i * STEP, value(i) * 2);
        }
        model.callsAndClear();
        model.replace("last-value-2");
        fixture.lingerPasses();
        assertEquals(List.of(new LastValueStateForecaster.Call(1, W), new LastValueStateForecaster.Call(1, W)),
                model.callsAndClear(), "a swap forecasts every warm series again, from its window");
        fixture.sendValue("a", T0 + (W + 2) * STEP, value(W + 2));
        assertEquals(List.of(new LastValueStateForecaster.Call(1, 1)), model.callsAndClear(),
                "then the new model's state is carried");
        List<JsonNode> forecasts = TopologyFixture.json(fixture.forecasts);
        JsonNode forecast = forecasts.get(forecasts.size() - 1);
        assertEquals("last-value-2", forecast.get("modelVersion").asText());
    }

    @Test
    void statefulModeRefusesAModelWithoutState() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TopologyFixture(
                TopologyFixture.settings(1).withInference(InferenceMode.STATEFUL, 0, 0.1),
                MeanForecaster.univariate(W, 3), stateDir));
        assertTrue(e.getMessage().contains("'stateful' needs a model with an LSTM state input"), e.getMessage());
    }

    @Test
    void autoModeServesAModelWithoutStateByWindow() {
        MeanForecaster model = MeanForecaster.univariate(W, 3);
        fixture = new TopologyFixture(TopologyFixture.settings(1), model, stateDir);
        sendSteps(W + 3);
        assertEquals(4, model.windows.get(), "one whole-window forecast per warm record");
    }
}
