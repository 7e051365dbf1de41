package dev.vigil.streamer.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sink when Alertmanager is down, failing or refusing: backoff, no event lost, bad alerts skipped, close. */
class SinkOutageTest {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final long OPENED = Instant.now().minusSeconds(600).toEpochMilli();

    static Backoff fast() {
        return new Backoff(Duration.ofMillis(50), Duration.ofMillis(400));
    }

    static List<String> series(List<JsonNode> alerts) {
        return alerts.stream().map(a -> a.path("labels").path("series").asText()).toList();
    }

    @Test
    void serverErrorsAreRetriedWithGrowingDelaysAndNoEventIsLost() throws Exception {
        AtomicInteger failuresLeft = new AtomicInteger(4);
        try (FakeAlertmanager am = FakeAlertmanager.started();
             SinkHarness sink = new SinkHarness(am, Duration.ofSeconds(30), fast())) {
            am.respond(alerts -> failuresLeft.getAndDecrement() > 0 ? 503 : 200);
            sink.send(Events.opened("a", OPENED, Map.of()));
            Thread.sleep(100);
            sink.send(Events.opened("b", OPENED, Map.of()));

            assertEquals(List.of("a", "b"), series(am.awaitAccepted(a -> a.size() >= 2, WAIT)));
            List<FakeAlertmanager.Post> posts = am.posts();
            assertEquals(List.of(503, 503, 503, 503, 200, 200), posts.stream().map(FakeAlertmanager.Post::status)
                    .toList());
            posts.subList(0, 5).forEach(p -> assertEquals(List.of("a"), series(list(p.alerts())),
                    "nothing after a is read while a waits"));
            for (int i = 2; i < 5; i++) {
                Duration gap = Duration.between(posts.get(i - 1).at(), posts.get(i).at());
                Duration previous = Duration.between(posts.get(i - 2).at(), posts.get(i - 1).at());
                assertTrue(gap.compareTo(previous) > 0, "delays grow: " + previous + " then " + gap);
            }
            sink.awaitCommitted(0, WAIT);
        }
    }

    @Test
    void alertsWaitForAnAlertmanagerThatIsDownAndArriveOnceItIsUp() throws Exception {
        try (FakeAlertmanager am = FakeAlertmanager.down();
             SinkHarness sink = new SinkHarness(am, Duration.ofSeconds(30), fast())) {
            sink.send(Events.opened("a", OPENED, Map.of()));
            Thread.sleep(1000);
            sink.send(Events.resolved("a", "MINOR", OPENED, OPENED + 1000, Map.of()),
                    Events.opened("b", OPENED, Map.of()));
            Thread.sleep(500);
            assertEquals(-1, sink.committed(), "nothing is committed before it was delivered");

            am.start();

            List<JsonNode> alerts = am.awaitAccepted(a -> a.size() >= 3, WAIT);
            assertEquals(List.of("a", "a", "b"), series(alerts), "caught up in order");
            assertTrue(Instant.parse(alerts.get(0).path("endsAt").asText())
                    .isAfter(Instant.parse(alerts.get(1).path("endsAt").asText())), "first firing, then ended");
            sink.awaitCommitted(2, WAIT);
        }
    }

    @Test
    void aRefusedAlertIsLoggedAndSkippedAndTheOthersGetThrough() throws Exception {
        try (FakeAlertmanager am = FakeAlertmanager.started();
             SinkHarness sink = new SinkHarness(am, Duration.ofMillis(300), fast())) {
            am.respond(alerts -> series(list(alerts)).contains("bad") ? 400 : 200);
            sink.send(Events.opened("good", OPENED, Map.of()), Events.opened("bad", OPENED, Map.of()),
                    Events.opened("fine", OPENED, Map.of()));

            am.awaitAccepted(a -> series(a).containsAll(List.of("good", "fine")), WAIT);
            Thread.sleep(1000);
            long badPosts = am.posts().stream().filter(p -> series(list(p.alerts())).contains("bad")).count();
            assertEquals(2, badPosts, "the batch, then the bad alert alone; never refreshed");
            assertTrue(series(am.accepted()).stream().filter("good"::equals).count() >= 3, "the others refresh");

            sink.send(Events.resolved("good", "MINOR", OPENED, OPENED + 1, Map.of()),
                    Events.resolved("fine", "MINOR", OPENED, OPENED + 1, Map.of()));
            sink.awaitCommitted(5, WAIT);
        }
    }

    @Test
    void closeIsPromptAndIdempotentWhileAlertmanagerIsDown() throws Exception {
        try (FakeAlertmanager am = FakeAlertmanager.down()) {
            SinkHarness sink = new SinkHarness(am, Duration.ofSeconds(30), fast());
            sink.send(Events.opened("a", OPENED, Map.of()));
            Thread.sleep(300);
            assertEquals(-1, sink.committed());

            long begin = System.nanoTime();
            sink.close();
            sink.close();

            assertTrue(Duration.ofNanos(System.nanoTime() - begin).compareTo(Duration.ofSeconds(3)) < 0);
            assertTrue(sink.consumer.closed());
        }
    }

    private static List<JsonNode> list(Iterable<JsonNode> nodes) {
        List<JsonNode> list = new ArrayList<>();
        nodes.forEach(list::add);
        return list;
    }
}
