package dev.vigil.streamer.config;

import org.apache.kafka.common.config.ConfigException;

import java.util.Comparator;
import java.util.Set;

/** Rejects {@code vigil.*} keys that are not declared, suggesting the closest declared key. */
final class UnknownKeys {

    private UnknownKeys() {
    }

    /**
     * Throws when {@code key} is a Vigil key that {@code known} does not declare.
     *
     * @param source where the key came from, such as {@code "environment variable VIGIL_X"}; empty if unknown
     */
    static void check(String key, String source, Set<String> known) {
        if (!key.startsWith(VigilConfig.PREFIX) || known.contains(key)) {
            return;
        }
        StringBuilder message = new StringBuilder("Unknown configuration '").append(key).append('\'');
        if (!source.isEmpty()) {
            message.append(" (from ").append(source).append(')');
        }
        String closest = known.stream()
                .filter(name -> name.startsWith(VigilConfig.PREFIX))
                .min(Comparator.comparingInt((String name) -> distance(key, name)).thenComparing(name -> name))
                .orElseThrow();
        if (distance(key, closest) <= Math.max(3, key.length() / 4) || closest.startsWith(key + ".")) {
            message.append("; did you mean '").append(closest).append("'?");
        } else {
            message.append("; the known keys are listed in docs/configuration.md");
        }
        throw new ConfigException(message.toString());
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
