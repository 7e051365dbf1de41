package dev.vigil.streamer.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one rule from environment variables to configuration keys, so container manifests stay thin:
 * <ul>
 *   <li>{@code VIGIL_KAFKA_<NAME>} sets the Kafka key {@code <name>}: lower case, {@code _} becomes {@code .}
 *       ({@code VIGIL_KAFKA_BOOTSTRAP_SERVERS} sets {@code bootstrap.servers});</li>
 *   <li>any other {@code VIGIL_<NAME>} sets {@code vigil.<name>} by the same rule
 *       ({@code VIGIL_BATCH_MAX_SIZE} sets {@code vigil.batch.max.size}).</li>
 * </ul>
 * Variables without the prefix are ignored, and so are the {@link #RESERVED} ones.
 */
public final class EnvironmentMapping {

    public static final String VIGIL_PREFIX = "VIGIL_";
    public static final String KAFKA_PREFIX = "VIGIL_KAFKA_";

    /** Variables with the prefix that are not configuration: {@code VIGIL_JAVA_OPTS} is the launcher's JVM options. */
    public static final Set<String> RESERVED = Set.of("VIGIL_JAVA_OPTS");

    private EnvironmentMapping() {
    }

    /** The key that {@code variable} sets, or empty when it sets none. */
    public static Optional<String> keyFor(String variable) {
        if (RESERVED.contains(variable) || !variable.startsWith(VIGIL_PREFIX)) {
            return Optional.empty();
        }
        if (variable.startsWith(KAFKA_PREFIX)) {
            return Optional.of(dotted(variable.substring(KAFKA_PREFIX.length()))).filter(key -> !key.isEmpty());
        }
        return Optional.of(VigilConfig.PREFIX + dotted(variable.substring(VIGIL_PREFIX.length())));
    }

    /** The variable that sets {@code key}. */
    public static String variableFor(String key) {
        String name = key.startsWith(VigilConfig.PREFIX)
                ? VIGIL_PREFIX + key.substring(VigilConfig.PREFIX.length())
                : KAFKA_PREFIX + key;
        return name.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static String dotted(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '.');
    }
}
