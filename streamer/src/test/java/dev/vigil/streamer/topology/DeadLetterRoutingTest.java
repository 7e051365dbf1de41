package dev.vigil.streamer.topology;

import dev.vigil.streamer.output.DeadLetters;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bad record goes to the dead-letter topic unchanged, with the reason in headers; processing goes on. */
class DeadLetterRoutingTest {

    @TempDir
    Path stateDir;

    TopologyFixture fixture;

    @BeforeEach
    void start() {
        fixture = new TopologyFixture(TopologyFixture.settings(1),
                new MeanForecaster(4, 3, List.of("cpu", "mem"), List.of("cpu")), stateDir);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void eachKindOfBadRecordIsDeadLetteredWithFieldValueAndExpectation() {
        String[][] cases = {
            // key, value, reason, field, value header (or null to skip)
            {null, "{\"ts\": 1, \"values\": {\"cpu\": 1, \"mem\": 2}}", "missing-key", "key", "null"},
            {"h", "not json", "invalid-record", "value", null},
            {"h", "{\"values\": {\"cpu\": 1, \"mem\": 2}}", "invalid-record", "ts", "nothing"},
            {"h", "{\"ts\": \"yesterday\", \"values\": {\"cpu\": 1, \"mem\": 2}}", "invalid-record", "ts", "\"yesterday\""},
            {"h", "{\"ts\": 1, \"values\": {\"cpu\": \"high\", \"mem\": 2}}", "invalid-record", "values.cpu", "\"high\""},
            {"h", "{\"ts\": 1, \"values\": {\"cpu\": 1}}", "feature-mismatch", "values.mem", "nothing"},
            {"h", "{\"ts\": 1, \"values\": {\"cpu\": 1, \"mem\": 2, \"disk\": 3}}", "feature-mismatch", "values.disk", "3.0"},
            {"h", "{\"ts\": 1, \"value\": 5}", "feature-mismatch", "values.cpu", "nothing"},
        };
        for (String[] c : cases) {
            fixture.send(c[0], c[1]);
        }
        List<TestRecord<byte[], byte[]>> dead = fixture.deadLetters.readRecordsToList();
        assertEquals(cases.length, dead.size(), "every bad record is dead-lettered");
        for (int i = 0; i < cases.length; i++) {
            TestRecord<byte[], byte[]> r = dead.get(i);
            String label = "record " + i + " (" + cases[i][1] + ")";
            assertArrayEquals(cases[i][1].getBytes(StandardCharsets.UTF_8), r.value(), label + ": value unchanged");
            assertEquals(cases[i][2], TopologyFixture.header(r, DeadLetters.REASON), label + ": reason");
            assertEquals(cases[i][3], TopologyFixture.header(r, DeadLetters.FIELD), label + ": field");
            if (cases[i][4] != null) {
                assertEquals(cases[i][4], TopologyFixture.header(r, DeadLetters.VALUE), label + ": value header");
            }
            assertTrue(!TopologyFixture.header(r, DeadLetters.EXPECTED).isBlank(), label + ": says what was expected");
            assertEquals("metrics", TopologyFixture.header(r, DeadLetters.SOURCE_TOPIC), label + ": source topic");
            assertEquals(Long.toString(i), TopologyFixture.header(r, DeadLetters.SOURCE_OFFSET), label + ": offset");
        }
        assertTrue(fixture.scores.isEmpty(), "no bad record is scored");

        fixture.send("h", "{\"ts\": 1000, \"values\": {\"cpu\": 1, \"mem\": 2}, \"labels\": {\"dc\": \"eu\"}}");
        assertEquals(1, fixture.scores.readRecordsToList().size(), "a good record after bad ones is processed");
    }
}
