package dev.vigil.streamer.topology;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static dev.vigil.streamer.topology.MeanForecaster.STEP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Anomalies open after 3 anomalous steps, update only when severity rises, and resolve after 4 quiet steps. */
class AlertLifecycleTopologyTest {

    static final long T0 = 1_000_000;

    @TempDir
    Path stateDir;

    TopologyFixture fixture;
    long step;

    @AfterEach
    void close() {
        fixture.close();
    }

    void send(double value) {
        fixture.send("web-1", String.format(Locale.ROOT,
                "{\"ts\": %d, \"value\": %s, \"labels\": {\"team\": \"payments\"}}", T0 + step++ * STEP, value));
    }

    @Test
    void anomalyOpensEscalatesAndResolvesWithOneStableId() {
        fixture = new TopologyFixture(TopologyFixture.settings(1), MeanForecaster.univariate(4, 3), stateDir);
        for (int i = 0; i < 8; i++) {
            send(i % 2 == 0 ? 10 : 12);
        }
        send(20);   // one anomalous step alone opens nothing
        send(12);
        send(10);
        send(12);
        send(10);
        assertTrue(fixture.anomalies.isEmpty(), "a single anomalous step must not open an anomaly");

        long firstAnomalous = T0 + step * STEP;
        send(13.5); // minor
        send(14.5); // minor
        send(16);   // minor: third anomalous step opens
        send(100);  // critical: escalates
        send(101);  // still critical: no event
        for (int i = 0; i < 12; i++) {
            send(i % 2 == 0 ? 10 : 12);
        }
        List<JsonNode> events = TopologyFixture.json(fixture.anomalies);
        assertEquals(List.of("OPENED", "UPDATED", "RESOLVED"), events.stream().map(e -> e.get("type").asText()).toList(),
                "lifecycle events, no storm");
        String id = events.get(0).get("eventId").asText();
        assertEquals("web-1:" + firstAnomalous, id, "id = series and first anomalous step: stable on replay");
        events.forEach(e -> assertEquals(id, e.get("eventId").asText(), "the same id on every event"));
        assertEquals("MINOR", events.get(0).get("severity").asText());
        assertEquals("CRITICAL", events.get(1).get("severity").asText());
        assertEquals(firstAnomalous, events.get(0).get("openedAt").asLong());
        assertEquals("payments", events.get(0).get("labels").get("team").asText(), "labels travel to events");
        assertEquals("value", events.get(0).get("deviations").get(0).get("feature").asText());
        assertTrue(events.get(2).get("ts").asLong() > events.get(1).get("ts").asLong(), "resolved after escalation");
    }
}
