package dev.vigil.streamer.config;

import dev.vigil.streamer.inference.ExecutionProvider;
import dev.vigil.streamer.inference.InferenceOptions;
import dev.vigil.streamer.scoring.ThresholdWarmUp;
import dev.vigil.streamer.topology.StreamerSettings;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VigilConfigTest {

    static VigilConfig config(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put(VigilConfig.MODEL_PATH_CONFIG, "model.onnx");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return new VigilConfig(props);
    }

    @Test
    void defaultsAreTheTopologyDefaults() {
        VigilConfig config = config();
        assertEquals(StreamerSettings.defaults(), config.toSettings());
        assertEquals(new InferenceOptions(ExecutionProvider.CPU, true, 1), config.inferenceOptions());
        assertEquals(Duration.ofSeconds(30), config.shutdownTimeout());
        assertEquals(Path.of("model.onnx"), config.modelPath());
    }

    @Test
    void toSettingsCarriesEveryValue() {
        VigilConfig config = config("vigil.input.topic", "in", "vigil.scores.topic", "s", "vigil.forecasts.topic", "f",
                "vigil.anomalies.topic", "a", "vigil.dead.letter.topic", "d", "vigil.batch.max.size", "64",
                "vigil.batch.max.linger.ms", "7", "vigil.gap.fill.max.steps", "0", "vigil.threshold.quantile", "0.99",
                "vigil.score.smoothing.alpha", "1", "vigil.threshold.history", "100",
                "vigil.threshold.min.history", "100", "vigil.threshold.min.fraction", "0.25",
                "vigil.alert.open.steps", "2", "vigil.alert.resolve.steps", "9", "vigil.labels.max", "0");
        assertEquals(new StreamerSettings("in", "s", "f", "a", "d", 64, 7, 0, 0.99, 1.0, 100, 100, 0.25, 2, 9, 0, 86_400_000L),
                config.toSettings());
    }

    @Test
    void thresholdWarmUpIsCalibratedByDefaultAndLearnOnRequest() {
        assertEquals(ThresholdWarmUp.CALIBRATED, config().toSettings().thresholdWarmUp());
        assertEquals(ThresholdWarmUp.LEARN, config("vigil.threshold.warmup", " Learn ").toSettings().thresholdWarmUp(),
                "the value is read ignoring case and blanks, as the other named choices are");
    }

    @Test
    void inferenceOptionsAndShutdownTimeout() {
        VigilConfig config = config("vigil.inference.provider", "CUDA", "vigil.inference.cuda.fallback", "false",
                "vigil.inference.intra.op.threads", "4", "vigil.shutdown.timeout.ms", "1500");
        assertEquals(new InferenceOptions(ExecutionProvider.CUDA, false, 4), config.inferenceOptions());
        assertEquals(Duration.ofMillis(1500), config.shutdownTimeout());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = ';', value = {
        "vigil.batch.max.size; abc; Not a number",
        "vigil.batch.max.size; 0; at least 1",
        "vigil.batch.max.linger.ms; -1; at least 0",
        "vigil.threshold.quantile; 1; (0.0, 1.0)",
        "vigil.threshold.quantile; 0; (0.0, 1.0)",
        "vigil.score.smoothing.alpha; 0; (0.0, 1.0]",
        "vigil.score.smoothing.alpha; 1.5; (0.0, 1.0]",
        "vigil.threshold.min.fraction; 2; no more than 1",
        "vigil.inference.provider; tpu; [cpu, cuda]",
        "vigil.threshold.warmup; quiet; [calibrated, learn]",
        "vigil.inference.cuda.fallback; maybe; true or false",
        "vigil.inference.intra.op.threads; 0; at least 1",
        "vigil.input.topic; bad topic; topic name",
        "vigil.model.path; ' '; non-empty",
        "processing.guarantee; exactly_once; at_least_once",
        "vigil.threshold.min.history; 300; vigil.threshold.history (256)",
        "vigil.scores.topic; metrics; vigil.input.topic",
        "num.stream.threads; many; num.stream.threads"})
    void badValuesNameKeyValueAndReason(String key, String value, String reason) {
        ConfigException e = assertThrows(ConfigException.class, () -> config(key, value));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains(value.strip()), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void unknownVigilKeySuggestsTheClosestKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> config("vigil.batch.max.siz", "5"));
        assertTrue(e.getMessage().contains("'vigil.batch.max.siz'"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'vigil.batch.max.size'"), e.getMessage());

        e = assertThrows(ConfigException.class, () -> config("vigil.completely.different.thing", "5"));
        assertTrue(e.getMessage().contains("vigil.completely.different.thing"), e.getMessage());
        assertFalse(e.getMessage().contains("did you mean"), e.getMessage());
    }

    @Test
    void kafkaKeysPassThroughAndVigilKeysDoNotLeak() {
        Properties props = config("security.protocol", "SASL_SSL", "consumer.max.poll.records", "100",
                "num.stream.threads", "4", "vigil.batch.max.size", "8").streamsProperties();
        assertEquals("SASL_SSL", props.get("security.protocol"));
        assertEquals("100", props.get("consumer.max.poll.records"));
        assertEquals("4", props.get("num.stream.threads"));
        assertTrue(props.stringPropertyNames().stream().noneMatch(key -> key.startsWith("vigil.")), props.toString());
    }

    @Test
    void vigilSetsKafkaStreamsDefaultsUnlessOverridden() {
        Properties defaults = config().streamsProperties();
        assertEquals("vigil-streamer", defaults.get("application.id"));
        assertEquals("localhost:9092", defaults.get("bootstrap.servers"));
        assertEquals("at_least_once", defaults.get("processing.guarantee"));
        assertEquals("./vigil-state", defaults.get("state.dir"));
        assertEquals("5", defaults.get("linger.ms"), "not Kafka Streams' 100 ms, which every score would wait");
        assertEquals(String.valueOf(64L * 1024 * 1024), defaults.get("statestore.cache.max.bytes"),
                "room for about 20,000 series' states");
        assertEquals(String.valueOf(256 * 1024), defaults.get("batch.size"),
                "not the producer's 16 KiB, which a commit's burst of states would queue behind");
        assertEquals(7, defaults.size(), defaults.toString());

        Properties set = config("application.id", "fleet", "bootstrap.servers", "k1:9092,k2:9092",
                "processing.guarantee", "exactly_once_v2", "state.dir", "/var/lib/vigil", "linger.ms", "50",
                "batch.size", "65536").streamsProperties();
        assertEquals("50", set.get("linger.ms"));
        assertEquals("65536", set.get("batch.size"));
        assertEquals("fleet", set.get("application.id"));
        assertEquals("k1:9092,k2:9092", set.get("bootstrap.servers"));
        assertEquals("exactly_once_v2", set.get("processing.guarantee"));
        assertEquals("/var/lib/vigil", set.get("state.dir"));
    }
}
