package dev.vigil.streamer.config;

import org.apache.kafka.common.config.ConfigException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges the configuration sources, in increasing precedence: built-in defaults, a properties file, environment
 * variables ({@link EnvironmentMapping}), then explicit overrides such as the command line's {@code --set}.
 * Every user error is a {@link ConfigException} that names the key, the value and where it came from.
 */
public final class ConfigLoader {

    private final Map<String, String> environment;

    /** @param environment the environment variables, {@code System.getenv()} in production */
    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** A loader reading the process environment. */
    public static ConfigLoader fromSystemEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    /**
     * Loads and validates the configuration.
     *
     * @param configFile a properties file (UTF-8), or null for none
     * @param overrides  keys and values that win over every other source
     */
    public VigilConfig load(Path configFile, Map<String, String> overrides) {
        Set<String> known = VigilConfig.configDef().names();
        Map<String, String> merged = new LinkedHashMap<>();
        if (configFile != null) {
            String source = "config file " + configFile;
            readFile(configFile).forEach((key, value) -> put(merged, key, value, source, known));
        }
        new TreeMap<>(environment).forEach((variable, value) -> EnvironmentMapping.keyFor(variable)
                .ifPresent(key -> put(merged, key, value, "environment variable " + variable, known)));
        overrides.forEach((key, value) -> put(merged, key, value, "--set", known));
        if (!merged.containsKey(VigilConfig.MODEL_PATH_CONFIG)) {
            throw new ConfigException("Missing required configuration " + VigilConfig.MODEL_PATH_CONFIG
                    + " (the ONNX model file): set it with --set " + VigilConfig.MODEL_PATH_CONFIG + "=FILE, the "
                    + "environment variable " + EnvironmentMapping.variableFor(VigilConfig.MODEL_PATH_CONFIG)
                    + " or the --config file");
        }
        return new VigilConfig(merged);
    }

    private static void put(Map<String, String> merged, String key, String value, String source, Set<String> known) {
        String trimmed = key.trim();
        if (trimmed.isEmpty()) {
            throw new ConfigException("Empty configuration key (from " + source + ")");
        }
        UnknownKeys.check(trimmed, source, known);
        merged.put(trimmed, value);
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException("Config file not found: " + file);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("Cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        return values;
    }
}
