package dev.vigil.streamer.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.alerting.AlertmanagerClient.Outcome;
import dev.vigil.streamer.alerting.AlertmanagerClient.Result;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** One post to Alertmanager: the JSON it sends and how each kind of answer is taken. */
class AlertmanagerClientTest {

    static final Instant STARTS = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant UNTIL = Instant.parse("2026-03-01T10:03:00Z");

    static Alert firing(String series) {
        return new Alert(Map.of("alertname", "VigilAnomaly", "series", series, "vigil_event_id", series + ":1"),
                Map.of("summary", series + " is odd"), STARTS, null, "http://dash/" + series);
    }

    @Test
    void postsAJsonArrayOfAlertsWithTimesAsRfc3339() throws Exception {
        Alert ended = firing("b").resolvedAt(STARTS.plusSeconds(90));
        try (FakeAlertmanager am = FakeAlertmanager.started()) {
            Result result = new AlertmanagerClient(am.url() + "/", Duration.ofSeconds(5))
                    .post(List.of(firing("a"), ended), UNTIL);

            assertEquals(Outcome.DELIVERED, result.outcome());
            assertEquals(200, result.status());
            List<JsonNode> alerts = am.accepted();
            assertEquals(2, alerts.size());
            JsonNode a = alerts.get(0);
            assertEquals("a", a.path("labels").path("series").asText());
            assertEquals("a is odd", a.path("annotations").path("summary").asText());
            assertEquals("2026-03-01T10:00:00Z", a.path("startsAt").asText());
            assertEquals("2026-03-01T10:03:00Z", a.path("endsAt").asText(), "firing: ends at firingUntil");
            assertEquals("http://dash/a", a.path("generatorURL").asText());
            assertEquals("2026-03-01T10:01:30Z", alerts.get(1).path("endsAt").asText(), "ended: its own end");
        }
    }

    @Test
    void serverErrorsTooManyRequestsAndTimeoutsAreWorthRetrying() throws Exception {
        try (FakeAlertmanager am = FakeAlertmanager.started()) {
            AlertmanagerClient client = new AlertmanagerClient(am.url(), Duration.ofSeconds(5));
            for (int status : new int[] {500, 503, 429, 408}) {
                am.respond(alerts -> status);
                Result result = client.post(List.of(firing("a")), UNTIL);
                assertEquals(Outcome.RETRY, result.outcome(), "HTTP " + status);
                assertEquals(status, result.status());
            }
        }
    }

    @Test
    void otherClientErrorsAreRefusals() throws Exception {
        try (FakeAlertmanager am = FakeAlertmanager.started()) {
            am.respond(alerts -> 400);
            Result result = new AlertmanagerClient(am.url(), Duration.ofSeconds(5)).post(List.of(firing("a")), UNTIL);

            assertEquals(Outcome.REJECTED, result.outcome());
            assertEquals("refused: status 400", result.detail());
        }
    }

    @Test
    void anAlertmanagerThatIsDownIsWorthRetrying() throws Exception {
        try (FakeAlertmanager am = FakeAlertmanager.down()) {
            Result result = new AlertmanagerClient(am.url(), Duration.ofSeconds(5)).post(List.of(firing("a")), UNTIL);

            assertEquals(Outcome.RETRY, result.outcome());
            assertEquals(0, result.status());
            assertFalse(result.detail().isEmpty());
        }
    }

    @Test
    void theEndpointSitsUnderTheBaseUrlAndOnlyHttpIsAccepted() {
        assertEquals("http://am:9093/api/v2/alerts", AlertmanagerClient.endpoint("http://am:9093").toString());
        assertEquals("https://ops.example/am/api/v2/alerts",
                AlertmanagerClient.endpoint(" https://ops.example/am// ").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AlertmanagerClient.endpoint("am:9093"));
        assertEquals("expected an http:// or https:// URL, found 'am:9093'", e.getMessage());
    }
}
