package dev.vigil.streamer.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.output.DeadLetters;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static dev.vigil.streamer.topology.MeanForecaster.STEP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GapsAndOrderingTest {

    static final long T0 = 1_000_000;

    @TempDir
    Path stateDir;

    TopologyFixture fixture;

    @BeforeEach
    void warmUp() {
        fixture = new TopologyFixture(TopologyFixture.settings(1), MeanForecaster.univariate(4, 6), stateDir);
        for (int i = 0; i < 6; i++) {
            fixture.sendValue("web-1", T0 + i * STEP, i % 2 == 0 ? 10 : 12);
        }
        fixture.scores.readRecordsToList();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void jitteredTimestampsAreAlignedToTheStep() {
        fixture.sendValue("web-1", T0 + 6 * STEP + 310, 10);
        fixture.sendValue("web-1", T0 + 7 * STEP - 280, 12);
        List<JsonNode> scores = TopologyFixture.json(fixture.scores);
        assertEquals(T0 + 6 * STEP, scores.get(0).get("ts").asLong(), "+310 ms belongs to step 6");
        assertEquals(T0 + 7 * STEP, scores.get(1).get("ts").asLong(), "-280 ms belongs to step 7");
        assertTrue(fixture.deadLetters.isEmpty());
    }

    @Test
    void aShortGapIsFilledAndTheNextPointIsScoredAgainstTheForecastForItsTime() {
        fixture.sendValue("web-1", T0 + 9 * STEP, 12);
        List<JsonNode> scores = TopologyFixture.json(fixture.scores);
        assertEquals(1, scores.size(), "filled steps produce no score records: they are not input points");
        assertEquals("scored", scores.get(0).get("status").asText());
        assertEquals(3, scores.get(0).get("filledBefore").asInt(), "steps 6, 7, 8 were filled");
        assertEquals(4, scores.get(0).get("horizonStep").asInt(), "4 steps after the last forecast's origin");
    }

    @Test
    void aLongGapRestartsTheWarmUp() {
        fixture.sendValue("web-1", T0 + 20 * STEP, 12);
        JsonNode score = TopologyFixture.json(fixture.scores).get(0);
        assertEquals("warming_up", score.get("status").asText(), "a gap of 14 steps is longer than 3");
        assertEquals(1, score.get("samples").asInt(), "the warm-up starts over");
    }

    @Test
    void duplicateAndLateTimestampsAreDeadLetteredNeverApplied() {
        fixture.sendValue("web-1", T0 + 5 * STEP, 99);
        fixture.sendValue("web-1", T0 + 2 * STEP, 99);
        assertTrue(fixture.scores.isEmpty(), "neither point is scored");
        List<TestRecord<byte[], byte[]>> dead = fixture.deadLetters.readRecordsToList();
        assertEquals(2, dead.size());
        assertEquals("duplicate-timestamp", TopologyFixture.header(dead.get(0), DeadLetters.REASON));
        assertEquals("late-timestamp", TopologyFixture.header(dead.get(1), DeadLetters.REASON));
        assertEquals("ts", TopologyFixture.header(dead.get(1), DeadLetters.FIELD));
        assertEquals(Long.toString(T0 + 2 * STEP), TopologyFixture.header(dead.get(1), DeadLetters.VALUE));
        assertTrue(new String(dead.get(1).value(), StandardCharsets.UTF_8).contains("99"), "value unchanged");

        fixture.sendValue("web-1", T0 + 6 * STEP, 10);
        JsonNode next = TopologyFixture.json(fixture.scores).get(0);
        assertEquals(1.0, next.get("scaledError").asDouble(), 1e-9,
                "the refused 99s never entered the window");
    }

    @Test
    void aTimestampFarAheadOfTheWallClockIsDeadLetteredAndDoesNotPushTheSeriesAhead() {
        long twoDaysAhead = System.currentTimeMillis() + 2 * 86_400_000L;
        fixture.sendValue("web-1", twoDaysAhead, 11);
        List<TestRecord<byte[], byte[]>> dead = fixture.deadLetters.readRecordsToList();
        assertEquals(1, dead.size());
        assertEquals("future-timestamp", TopologyFixture.header(dead.get(0), DeadLetters.REASON));
        fixture.sendValue("web-1", T0 + 6 * STEP, 10);
        assertEquals("scored", TopologyFixture.json(fixture.scores).get(0).get("status").asText(),
                "the next real point is still in sequence");
    }
}
