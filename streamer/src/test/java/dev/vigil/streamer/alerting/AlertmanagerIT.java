package dev.vigil.streamer.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.config.AlertmanagerKeys;
import dev.vigil.streamer.config.VigilConfig;
import dev.vigil.streamer.output.AnomalyEvent;
import dev.vigil.streamer.output.OutputJson;
import dev.vigil.testsupport.KafkaTestCluster;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sink between a real broker and a real Alertmanager: an anomaly's alert appears with its labels and
 * annotations, stays while refreshed, ends when resolved, and reaches an Alertmanager that was down when it opened.
 */
class AlertmanagerIT {

    static final Duration WAIT = Duration.ofSeconds(60);
    static KafkaTestCluster kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = KafkaTestCluster.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    static VigilConfig config(String app, String topic, String alertmanagerUrl) {
        return new VigilConfig(Map.of(VigilConfig.MODEL_PATH_CONFIG, "unused.onnx",
                "application.id", app, "bootstrap.servers", kafka.bootstrapServers(),
                VigilConfig.ANOMALIES_TOPIC_CONFIG, topic,
                AlertmanagerKeys.URL_CONFIG, alertmanagerUrl, AlertmanagerKeys.REFRESH_MS_CONFIG, "1000",
                AlertmanagerKeys.DASHBOARD_URL_CONFIG, "http://grafana.test/d/vigil?var-series={series}"));
    }

    static void produce(String topic, AnomalyEvent... events) {
        for (AnomalyEvent event : events) {
            kafka.produce(topic, List.of(Map.entry(event.series(),
                    new String(OutputJson.write(event), StandardCharsets.UTF_8))));
        }
    }

    static List<JsonNode> await(AlertmanagerProcess am, String series, Predicate<List<JsonNode>> done)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<JsonNode> alerts = am.alerts("series=\"" + series + "\"");
        while (!done.test(alerts)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Alertmanager's alerts for " + series + " after " + WAIT + ": " + alerts);
            }
            Thread.sleep(200);
            alerts = am.alerts("series=\"" + series + "\"");
        }
        return alerts;
    }

    static Map<TopicPartition, OffsetAndMetadata> committed(String group) throws Exception {
        return kafka.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    }

    @Test
    void anOpenedAnomalyFiresInAlertmanagerStaysWhileOpenAndEndsWhenResolved() throws Exception {
        String topic = "anomalies-am-lifecycle";
        kafka.createTopic(topic, 2);
        long openedAt = Instant.now().minusSeconds(120).toEpochMilli();
        Map<String, String> labels = Map.of("host", "web-1", "k8s.namespace", "prod");
        try (AlertmanagerProcess am = AlertmanagerProcess.start(dir.resolve("am"), FakeAlertmanager.freePort());
             AlertmanagerSink sink = AlertmanagerSink.startIfEnabled(config("vigil-am-it", topic, am.url()))) {
            produce(topic, Events.event("OPENED", "web-1/cpu", "MAJOR", openedAt, openedAt, labels));

            JsonNode alert = await(am, "web-1/cpu", a -> a.size() == 1).get(0);
            assertEquals(Map.of("alertname", "VigilAnomaly", "series", "web-1/cpu", "severity", "major",
                    "vigil_event_id", "web-1/cpu:" + openedAt, "host", "web-1", "k8s_namespace", "prod"),
                    FakeAlertmanager.strings(alert.path("labels")));
            Map<String, String> annotations = FakeAlertmanager.strings(alert.path("annotations"));
            assertEquals("web-1/cpu: value at 97.25, expected 41.5", annotations.get("summary"));
            assertEquals("97.25", annotations.get("actual"));
            assertEquals("41.5", annotations.get("expected"));
            assertEquals("0.75", annotations.get("score"));
            assertEquals("1.5", annotations.get("threshold"));
            assertEquals(Instant.ofEpochMilli(openedAt).toString(), annotations.get("opened_at"));
            assertEquals(Events.MODEL, annotations.get("model_version"));
            assertEquals("http://grafana.test/d/vigil?var-series=web-1%2Fcpu", annotations.get("dashboard"));
            assertEquals(Instant.ofEpochMilli(openedAt), Instant.parse(alert.path("startsAt").asText()));
            assertTrue(Instant.parse(alert.path("endsAt").asText()).isAfter(Instant.now()), "firing");

            Thread.sleep(4500);
            List<JsonNode> later = am.alerts("series=\"web-1/cpu\"");
            assertEquals(1, later.size(), "refreshed past its first endsAt (3 s)");
            assertEquals("active", later.get(0).path("status").path("state").asText());

            produce(topic, Events.resolved("web-1/cpu", "MAJOR", openedAt, openedAt + 60_000, labels));

            await(am, "web-1/cpu", List::isEmpty);
        }
    }

    @Test
    void anAlertOpenedWhileAlertmanagerIsDownArrivesOnceItIsUp() throws Exception {
        String topic = "anomalies-am-outage";
        kafka.createTopic(topic, 2);
        long openedAt = Instant.now().minusSeconds(60).toEpochMilli();
        int port = FakeAlertmanager.freePort();
        try (AlertmanagerSink sink = AlertmanagerSink.startIfEnabled(
                config("vigil-am-outage-it", topic, "http://127.0.0.1:" + port))) {
            produce(topic, Events.opened("db-1", openedAt, Map.of("role", "primary")),
                    Events.opened("db-2", openedAt, Map.of()));
            Thread.sleep(5000);
            assertEquals(Map.of(), committed("vigil-am-outage-it" + AlertmanagerSink.GROUP_SUFFIX),
                    "nothing is committed while Alertmanager is down");
            try (AlertmanagerProcess am = AlertmanagerProcess.start(dir.resolve("am"), port)) {
                JsonNode alert = await(am, "db-1", a -> a.size() == 1).get(0);
                assertEquals("primary", alert.path("labels").path("role").asText());
                assertEquals("minor", alert.path("labels").path("severity").asText());
                assertEquals(1, await(am, "db-2", a -> a.size() == 1).size(), "nothing lost in the outage");
            }
        }
    }
}
