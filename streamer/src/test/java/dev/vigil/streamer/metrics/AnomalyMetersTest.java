package dev.vigil.streamer.metrics;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.vigil.streamer.metrics.MeterFixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Anomalies opened, resolved and open now, by severity, through their lifecycle events. */
class AnomalyMetersTest {

    private final SimpleMeterRegistry registry = MeterFixtures.registry(new MockClock());
    private final VigilMeters meters = MeterFixtures.bound(registry, MeterFixtures.series(List.of(), 0));

    @Test
    void everySeverityExistsAtZero() {
        for (String severity : List.of("MINOR", "MAJOR", "CRITICAL")) {
            assertEquals(0, opened(severity));
            assertEquals(0, resolved(severity));
            assertEquals(0, active(severity));
        }
    }

    @Test
    void anUpdateMovesAnOpenAnomalyToItsNewSeverityAndResolvingRemovesIt() {
        meters.anomalyEvent(event("a:1", "OPENED", "MINOR"));
        meters.anomalyEvent(event("b:2", "OPENED", "MAJOR"));
        assertActive(1, 1, 0);
        assertEquals(1, opened("MINOR"));
        assertEquals(1, opened("MAJOR"));

        meters.anomalyEvent(event("a:1", "UPDATED", "MAJOR"));
        assertActive(0, 2, 0);
        meters.anomalyEvent(event("a:1", "UPDATED", "CRITICAL"));
        assertActive(0, 1, 1);
        assertEquals(1, opened("MINOR"), "an update opens nothing");

        meters.anomalyEvent(event("a:1", "RESOLVED", "CRITICAL"));
        assertActive(0, 1, 0);
        assertEquals(1, resolved("CRITICAL"));
        meters.anomalyEvent(event("b:2", "RESOLVED", "MAJOR"));
        assertActive(0, 0, 0);
        assertEquals(1, resolved("MAJOR"));
    }

    @Test
    void anomaliesOpenedBeforeThisInstanceNeverDriveTheGaugeBelowZero() {
        meters.anomalyEvent(event("old:1", "RESOLVED", "MINOR"));
        assertActive(0, 0, 0);
        assertEquals(1, resolved("MINOR"));
        meters.anomalyEvent(event("old:2", "UPDATED", "MAJOR")); // counted from its first event seen here
        assertActive(0, 1, 0);
        meters.anomalyEvent(event("old:2", "RESOLVED", "MAJOR"));
        assertActive(0, 0, 0);
    }

    @Test
    void aReplayedOpeningCountsTheAnomalyOnce() {
        meters.anomalyEvent(event("a:1", "OPENED", "MINOR"));
        meters.anomalyEvent(event("a:1", "OPENED", "MINOR"));
        assertActive(1, 0, 0);
    }

    private void assertActive(double minor, double major, double critical) {
        assertEquals(List.of(minor, major, critical), List.of(active("MINOR"), active("MAJOR"), active("CRITICAL")),
                "active MINOR, MAJOR, CRITICAL");
    }

    private double opened(String severity) {
        return registry.get("vigil.anomalies.opened").tag("severity", severity).counter().count();
    }

    private double resolved(String severity) {
        return registry.get("vigil.anomalies.resolved").tag("severity", severity).counter().count();
    }

    private double active(String severity) {
        return registry.get("vigil.anomalies.active").tag("severity", severity).gauge().value();
    }
}
