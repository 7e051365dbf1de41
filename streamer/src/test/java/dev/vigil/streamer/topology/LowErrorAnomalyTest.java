package dev.vigil.streamer.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.scoring.ThresholdWarmUp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static dev.vigil.streamer.topology.MeanForecaster.STEP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A series that stops varying is flagged by the low threshold when {@code vigil.threshold.low.steps} is set. */
class LowErrorAnomalyTest {

    static final int NOISY = 400;
    static final int STUCK = 60;

    @TempDir
    Path stateDir;

    /** Scores and anomaly events of a series that varies around 100, then holds 100 exactly. */
    record Run(List<JsonNode> scores, List<JsonNode> events) {
    }

    Run run(int lowErrorSteps, String dir) {
        StreamerSettings settings = TopologyFixture.rawErrorSettings(lowErrorSteps, ThresholdWarmUp.CALIBRATED);
        try (TopologyFixture fixture = new TopologyFixture(settings, MeanForecaster.univariate(4, 3),
                stateDir.resolve(dir))) {
            Random random = new Random(11);
            for (int i = 0; i < NOISY + STUCK; i++) {
                double value = i < NOISY ? 100 + 10 * random.nextGaussian() : 100;
                fixture.sendValue("pump-1", 1_000_000 + i * STEP, value);
            }
            return new Run(TopologyFixture.json(fixture.scores), TopologyFixture.json(fixture.anomalies));
        }
    }

    @Test
    void aSeriesThatStopsVaryingOpensAnAnomalyOnlyWithTheLowThreshold() {
        Run off = run(0, "off");
        Run on = run(5, "on");
        assertEquals(NOISY + STUCK, on.scores().size(), "one score record per point");
        for (int i = NOISY + 5; i < NOISY + STUCK; i++) {
            assertFalse(off.scores().get(i).get("anomaly").asBoolean(),
                    "point " + i + ": without the low threshold a tiny error is never anomalous");
        }
        int firstLow = -1;
        for (int i = NOISY; i < NOISY + STUCK && firstLow < 0; i++) {
            JsonNode s = on.scores().get(i);
            if (s.get("anomaly").asBoolean()) {
                firstLow = i;
                assertTrue(s.get("smoothedError").asDouble() < s.get("threshold").asDouble(),
                        "flagged for its low error, below the (high) threshold: " + s);
                assertTrue(s.get("score").asDouble() > 0.5, "an anomalous point scores above 0.5: " + s);
            }
        }
        assertTrue(firstLow >= NOISY + 5, "the stuck stretch is flagged, after the 5 low steps asked for and the "
                + "window's 4 steps of catching up; first flagged point: " + firstLow);
        JsonNode opened = on.events().stream()
                .filter(e -> e.get("type").asText().equals("OPENED")
                        && e.get("ts").asLong() >= 1_000_000 + NOISY * STEP)
                .findFirst().orElse(null);
        assertTrue(opened != null, "an anomaly opens in the stuck stretch; events: " + on.events());
        long openedAt = opened.get("openedAt").asLong();
        assertEquals(openedAt + 2 * STEP, opened.get("ts").asLong(), "it opens on the third anomalous step in a row");
        for (long ts = openedAt; ts <= opened.get("ts").asLong(); ts += STEP) {
            int i = (int) ((ts - 1_000_000) / STEP);
            assertTrue(i >= firstLow && on.scores().get(i).get("anomaly").asBoolean(),
                    "point " + i + " before the opening is anomalous: " + on.scores().get(i));
        }
    }
}
