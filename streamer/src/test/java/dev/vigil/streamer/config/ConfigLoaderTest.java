package dev.vigil.streamer.config;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path file(String... lines) throws IOException {
        return Files.writeString(dir.resolve("streamer.properties"), String.join("\n", lines), StandardCharsets.UTF_8);
    }

    @Test
    void laterSourcesWin_defaultsThenFileThenEnvironmentThenOverrides() throws IOException {
        Path file = file("vigil.model.path=file.onnx", "vigil.batch.max.size=10", "vigil.batch.max.linger.ms=11",
                "vigil.gap.fill.max.steps=12", "bootstrap.servers=file:9092");
        Map<String, String> env = Map.of("VIGIL_BATCH_MAX_LINGER_MS", "21", "VIGIL_GAP_FILL_MAX_STEPS", "22",
                "VIGIL_KAFKA_BOOTSTRAP_SERVERS", "env:9092");
        VigilConfig config = new ConfigLoader(env).load(file, Map.of("vigil.gap.fill.max.steps", "32"));

        assertEquals(Path.of("file.onnx"), config.modelPath(), "file");
        assertEquals(10, config.toSettings().batchMaxSize(), "file over default");
        assertEquals(21, config.toSettings().batchMaxLingerMs(), "environment over file");
        assertEquals(32, config.toSettings().gapFillMaxSteps(), "override over environment");
        assertEquals(0.999, config.toSettings().thresholdQuantile(), "default");
        assertEquals("env:9092", config.streamsProperties().get("bootstrap.servers"), "environment over file");
    }

    @Test
    void environmentRuleMapsVigilAndKafkaVariables() {
        Map<String, String> env = Map.of("VIGIL_MODEL_PATH", "/models/cpu.onnx", "VIGIL_BATCH_MAX_SIZE", "512",
                "VIGIL_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "VIGIL_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "VIGIL_KAFKA_CONSUMER_MAX_POLL_RECORDS", "50", "VIGIL_JAVA_OPTS", "-Xmx1g", "PATH", "/usr/bin",
                "KAFKA_HEAP_OPTS", "-Xmx1g");
        VigilConfig config = new ConfigLoader(env).load(null, Map.of());

        assertEquals(Path.of("/models/cpu.onnx"), config.modelPath());
        assertEquals(512, config.toSettings().batchMaxSize());
        assertEquals("kafka:9092", config.streamsProperties().get("bootstrap.servers"));
        assertEquals("SASL_SSL", config.streamsProperties().get("security.protocol"));
        assertEquals("50", config.streamsProperties().get("consumer.max.poll.records"));
        assertEquals(9, config.streamsProperties().size(), "nothing else: " + config.streamsProperties());
    }

    @Test
    void unknownVigilVariableNamesTheVariableAndSuggestsAKey() {
        ConfigLoader loader = new ConfigLoader(Map.of("VIGIL_MODEL_PATH", "m.onnx", "VIGIL_BATCH_SIZE", "5"));
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(null, Map.of()));
        assertTrue(e.getMessage().contains("'vigil.batch.size' (from environment variable VIGIL_BATCH_SIZE)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'vigil.batch.max.size'"), e.getMessage());
    }

    @Test
    void unknownKeyInFileNamesTheFile() throws IOException {
        Path file = file("vigil.model.path=m.onnx", "vigil.threshold.quantil=0.99");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(file, Map.of()));
        assertTrue(e.getMessage().contains("'vigil.threshold.quantil' (from config file " + file + ")"),
                e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'vigil.threshold.quantile'"), e.getMessage());
    }

    @Test
    void badValueFromEnvironmentNamesKeyAndValue() {
        ConfigLoader loader = new ConfigLoader(Map.of("VIGIL_MODEL_PATH", "m.onnx", "VIGIL_BATCH_MAX_SIZE", "lots"));
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(null, Map.of()));
        assertEquals("Invalid value lots for configuration vigil.batch.max.size: Not a number of type INT",
                e.getMessage());
    }

    @Test
    void missingModelPathSaysHowToSetIt() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of()).load(null, Map.of("vigil.batch.max.size", "5")));
        assertTrue(e.getMessage().startsWith("Missing required configuration vigil.model.path"), e.getMessage());
        assertTrue(e.getMessage().contains("VIGIL_MODEL_PATH"), e.getMessage());
        assertTrue(e.getMessage().contains("--set vigil.model.path="), e.getMessage());
    }

    @Test
    void missingConfigFileIsAClearError() {
        Path missing = dir.resolve("nope.properties");
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigLoader(Map.of()).load(missing, Map.of("vigil.model.path", "m.onnx")));
        assertEquals("Config file not found: " + missing, e.getMessage());
    }
}
