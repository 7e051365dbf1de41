package dev.vigil.streamer.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sink with Alertmanager up: what each lifecycle event posts, refreshes, and the offsets it commits. */
class SinkDeliveryTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final long OPENED = Instant.now().minusSeconds(600).toEpochMilli();

    static List<JsonNode> of(List<JsonNode> alerts, String series) {
        return alerts.stream().filter(a -> a.path("labels").path("series").asText().equals(series)).toList();
    }

    static Instant time(JsonNode alert, String field) {
        return Instant.parse(alert.path(field).asText());
    }

    @Test
    void openedFiresForThreeRefreshesAndResolvedEndsItAtItsStep() throws Exception {
        try (FakeAlertmanager am = FakeAlertmanager.started();
             SinkHarness sink = new SinkHarness(am, Duration.ofSeconds(1), Backoff.defaults())) {
            sink.send(Events.opened("web-1", OPENED, Map.of("host", "web-1", "k8s.ns", "prod")));

            JsonNode firing = am.awaitAccepted(a -> !a.isEmpty(), WAIT).get(0);
            assertEquals(Map.of("alertname", "VigilAnomaly", "series", "web-1", "severity", "minor",
                    "vigil_event_id", "web-1:" + OPENED, "host", "web-1", "k8s_ns", "prod"),
                    FakeAlertmanager.strings(firing.path("labels")));
            assertEquals("web-1: value at 97.25, expected 41.5", firing.path("annotations").path("summary").asText());
            assertEquals("http://grafana/d/vigil?var-series=web-1",
                    firing.path("annotations").path("dashboard").asText());
            assertEquals(Instant.ofEpochMilli(OPENED), time(firing, "startsAt"));
            Duration endsIn = Duration.between(am.posts().get(0).at(), time(firing, "endsAt"));
            assertTrue(endsIn.compareTo(Duration.ofMillis(2500)) > 0 && endsIn.compareTo(Duration.ofMillis(3100)) < 0,
                    "endsAt is about 3 refresh intervals ahead: " + endsIn);
            sink.awaitCommitted(0, WAIT);

            long resolvedTs = OPENED + 300_000;
            sink.send(Events.resolved("web-1", "MINOR", OPENED, resolvedTs, Map.of("host", "web-1", "k8s.ns", "prod")));

            JsonNode ended = am.awaitAccepted(a -> a.size() >= 2 && a.get(a.size() - 1).path("endsAt").asText()
                    .equals(Instant.ofEpochMilli(resolvedTs).toString()), WAIT).get(am.accepted().size() - 1);
            assertEquals(firing.path("labels"), ended.path("labels"), "the same alert, ended");
            sink.awaitCommitted(2, WAIT);
        }
    }

    @Test
    void openAlertsArePostedAgainEveryRefreshUntilResolved() throws Exception {
        try (FakeAlertmanager am = FakeAlertmanager.started();
             SinkHarness sink = new SinkHarness(am, Duration.ofMillis(200), Backoff.defaults())) {
            sink.send(Events.opened("a", OPENED, Map.of()), Events.opened("b", OPENED, Map.of()));

            List<JsonNode> posted = am.awaitAccepted(a -> of(a, "a").size() >= 4, WAIT);
            List<JsonNode> postsOfA = of(posted, "a");
            for (int i = 1; i < postsOfA.size(); i++) {
                assertTrue(time(postsOfA.get(i), "endsAt").isAfter(time(postsOfA.get(i - 1), "endsAt")),
                        "each refresh moves endsAt on");
            }
            sink.send(Events.resolved("a", "MINOR", OPENED, OPENED + 1000, Map.of()));
            int resolvedAt = am.awaitAccepted(a -> of(a, "a").stream().anyMatch(x -> time(x, "endsAt")
                    .equals(Instant.ofEpochMilli(OPENED + 1000))), WAIT).size();
            am.awaitAccepted(a -> of(a.subList(resolvedAt, a.size()), "b").size() >= 3, WAIT);

            assertEquals(List.of(), of(am.accepted().subList(resolvedAt, am.accepted().size()), "a"),
                    "a resolved alert is not refreshed");
        }
    }

    @Test
    void aSeverityRiseEndsTheAlertUnderTheOldSeverity() throws Exception {
        try (FakeAlertmanager am = FakeAlertmanager.started();
             SinkHarness sink = new SinkHarness(am, Duration.ofSeconds(30), Backoff.defaults())) {
            sink.send(Events.opened("s", OPENED, Map.of()));
            am.awaitAccepted(a -> a.size() == 1, WAIT);

            sink.send(Events.updated("s", "CRITICAL", OPENED, OPENED + 5000, Map.of()));

            List<JsonNode> update = am.awaitAccepted(a -> a.size() >= 3, WAIT).subList(1, 3);
            JsonNode minor = update.stream().filter(a -> a.path("labels").path("severity").asText().equals("minor"))
                    .findFirst().orElseThrow();
            JsonNode critical = update.stream().filter(a -> a.path("labels").path("severity").asText()
                    .equals("critical")).findFirst().orElseThrow();
            assertTrue(!time(minor, "endsAt").isAfter(Instant.now()), "the minor alert has ended");
            assertTrue(time(critical, "endsAt").isAfter(Instant.now()), "the critical alert fires");
            assertEquals(Instant.ofEpochMilli(OPENED), time(critical, "startsAt"));
            sink.awaitCommitted(0, WAIT);
        }
    }

    @Test
    void eventsOfOneAnomalyInOnePollCollapseIntoItsLatestAlert() throws Exception {
        try (FakeAlertmanager am = FakeAlertmanager.started();
             SinkHarness sink = new SinkHarness(am, Duration.ofSeconds(1), Backoff.defaults())) {
            sink.send(Events.opened("s", OPENED, Map.of()), Events.resolved("s", "MINOR", OPENED, OPENED + 60_000,
                    Map.of()));

            sink.awaitCommitted(2, WAIT);

            assertEquals(1, am.posts().size());
            assertEquals(1, am.accepted().size());
            assertEquals(Instant.ofEpochMilli(OPENED + 60_000), time(am.accepted().get(0), "endsAt"));
        }
    }

    @Test
    void recordsThatAreNotEventsAreSkippedAndCommitted() throws Exception {
        try (FakeAlertmanager am = FakeAlertmanager.started();
             SinkHarness sink = new SinkHarness(am, Duration.ofSeconds(1), Backoff.defaults())) {
            sink.sendGarbage();
            sink.awaitCommitted(1, WAIT);
            sink.send(Events.event("OPENED", "s", "MAJOR", OPENED, OPENED, Map.of()));

            assertEquals("major", am.awaitAccepted(a -> a.size() == 1, WAIT).get(0).path("labels")
                    .path("severity").asText());
            sink.awaitCommitted(1, WAIT);
        }
    }
}
