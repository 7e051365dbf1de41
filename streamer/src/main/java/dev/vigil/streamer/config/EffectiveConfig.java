package dev.vigil.streamer.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The effective configuration as properties-file text, with secrets masked: what {@code --print-config} shows. */
public final class EffectiveConfig {

    /** What a secret value is shown as, as Kafka shows its password-typed values. */
    public static final String MASK = "[hidden]";

    /** Key fragments that mark a value as secret. */
    private static final List<String> SECRET_MARKERS = List.of("password", "secret", "jaas", "token", "credential",
            "keystore.key", "user.info", "private.key", "api.key", "apikey");

    private EffectiveConfig() {
    }

    /** Whether the value of {@code key} must never be shown, such as {@code ssl.key.password} or {@code sasl.jaas.config}. */
    public static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_MARKERS.stream().anyMatch(lower::contains);
    }

    /** Every Vigil key with its value (defaults included), then every Kafka Streams key, sorted; secrets masked. */
    public static String format(VigilConfig config) {
        Map<String, ConfigKey> keys = VigilConfig.configDef().configKeys();
        Map<String, String> vigil = new TreeMap<>();
        config.values().forEach((key, value) -> {
            if (key.startsWith(VigilConfig.PREFIX)) {
                vigil.put(key, ConfigDef.convertToString(value, keys.get(key).type));
            }
        });
        Map<String, String> kafka = new TreeMap<>();
        config.streamsProperties().forEach((key, value) -> kafka.put(key.toString(), String.valueOf(value)));

        StringBuilder text = new StringBuilder("# Vigil\n");
        append(text, vigil);
        text.append("# Kafka Streams and its clients\n");
        append(text, kafka);
        return text.toString();
    }

    private static void append(StringBuilder text, Map<String, String> values) {
        values.forEach((key, value) -> text.append(key).append('=')
                .append(isSecret(key) ? MASK : value).append('\n'));
    }
}
