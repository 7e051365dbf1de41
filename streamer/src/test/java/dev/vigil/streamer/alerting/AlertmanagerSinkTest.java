package dev.vigil.streamer.alerting;

import dev.vigil.streamer.config.AlertmanagerKeys;
import dev.vigil.streamer.config.VigilConfig;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sink's factory: off without a URL, its consumer's settings, and a bounded close with nothing reachable. */
class AlertmanagerSinkTest {

    static VigilConfig config(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of(VigilConfig.MODEL_PATH_CONFIG, "model.onnx",
                "application.id", "vigil-prod", "bootstrap.servers", "127.0.0.1:1"));
        props.putAll(extra);
        return new VigilConfig(props);
    }

    @Test
    void withoutAUrlTheSinkIsOffAndClosingItDoesNothing() {
        AlertmanagerSink sink = AlertmanagerSink.startIfEnabled(config(Map.of()));

        assertFalse(sink.enabled());
        sink.close();
        sink.close();
    }

    @Test
    void aUrlThatIsNotHttpIsAConfigurationError() {
        ConfigException e = assertThrows(ConfigException.class, () -> AlertmanagerSink.startIfEnabled(
                config(Map.of(AlertmanagerKeys.URL_CONFIG, "alertmanager:9093"))));

        assertTrue(e.getMessage().contains(AlertmanagerKeys.URL_CONFIG), e.getMessage());
    }

    @Test
    void theConsumerHasItsOwnGroupCommitsByHandAndTakesKafkaClientSettings() {
        Map<String, Object> props = AlertmanagerSink.consumerProperties(config(Map.of(
                "security.protocol", "SSL", "consumer.max.poll.records", "50", "commit.interval.ms", "100",
                "enable.auto.commit", "true", "group.instance.id", "streams-0")));

        assertEquals("vigil-prod-alertmanager", props.get("group.id"));
        assertEquals("vigil-prod-alertmanager", props.get("client.id"));
        assertEquals(false, props.get("enable.auto.commit"));
        assertEquals("earliest", props.get("auto.offset.reset"));
        assertEquals("read_committed", props.get("isolation.level"));
        assertEquals("127.0.0.1:1", props.get("bootstrap.servers"));
        assertEquals("SSL", props.get("security.protocol"));
        assertEquals("50", props.get("max.poll.records"));
        assertFalse(props.containsKey("commit.interval.ms"), "Kafka Streams keys stay out");
        assertFalse(props.containsKey("application.id"));
        assertFalse(props.containsKey("group.instance.id"), "the streams' static member id is not the sink's");
    }

    @Test
    void closesWithinItsBoundWhenNeitherKafkaNorAlertmanagerAnswer() {
        AlertmanagerSink sink = AlertmanagerSink.startIfEnabled(config(Map.of(
                AlertmanagerKeys.URL_CONFIG, "http://127.0.0.1:1", AlertmanagerKeys.REFRESH_MS_CONFIG, "1000")));
        assertTrue(sink.enabled());

        assertTimeoutPreemptively(Duration.ofSeconds(AlertmanagerSink.CLOSE_TIMEOUT_SECONDS + 2), () -> {
            sink.close();
            sink.close();
        });
    }
}
