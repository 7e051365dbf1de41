package dev.vigil.generator;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Which anomaly kinds are injected and how often each, relative to the others: {@code all} (every kind, equal
 * weights), {@code none}, a list ({@code spike,drift}) or weights ({@code spike=3,dropout=1}).
 */
public record AnomalyMix(Map<AnomalyKind, Double> weights) {

    public static final AnomalyMix ALL = parse("all");
    public static final AnomalyMix NONE = new AnomalyMix(Map.of());

    public AnomalyMix {
        EnumMap<AnomalyKind, Double> copy = new EnumMap<>(AnomalyKind.class);
        weights.forEach((kind, weight) -> {
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight of " + kind + ": found " + weight
                        + ", expected a finite number >= 0");
            }
            if (weight > 0) {
                copy.put(kind, weight);
            }
        });
        weights = Collections.unmodifiableMap(copy);
    }

    /** Reads {@code all}, {@code none}, {@code kind[,kind...]} or {@code kind=weight[,kind=weight...]}. */
    public static AnomalyMix parse(String text) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("none")) {
            return NONE;
        }
        Map<AnomalyKind, Double> weights = new EnumMap<>(AnomalyKind.class);
        if (trimmed.equalsIgnoreCase("all")) {
            for (AnomalyKind kind : AnomalyKind.values()) {
                weights.put(kind, 1.0);
            }
            return new AnomalyMix(weights);
        }
        for (String part : trimmed.split(",")) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("empty entry in '" + text + "', expected kind[=weight],...");
            }
            int equals = part.indexOf('=');
            AnomalyKind kind = AnomalyKind.parse(equals < 0 ? part : part.substring(0, equals));
            double weight = 1;
            if (equals >= 0) {
                String value = part.substring(equals + 1).trim();
                try {
                    weight = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("weight of " + kind + ": found '" + value
                            + "', expected a number");
                }
            }
            if (weights.put(kind, weight) != null) {
                throw new IllegalArgumentException(kind + " is named twice in '" + text + "'");
            }
        }
        return new AnomalyMix(weights);
    }

    public boolean isEmpty() {
        return weights.isEmpty();
    }

    /** A kind drawn with probability proportional to its weight. */
    AnomalyKind draw(SplittableRandom random) {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        double pick = random.nextDouble() * total;
        AnomalyKind last = null;
        for (Map.Entry<AnomalyKind, Double> entry : weights.entrySet()) {
            last = entry.getKey();
            pick -= entry.getValue();
            if (pick < 0) {
                return last;
            }
        }
        return last;
    }

    @Override
    public String toString() {
        if (weights.isEmpty()) {
            return "none";
        }
        return weights.entrySet().stream()
                .map(e -> e.getValue() == 1.0 ? e.getKey().id() : e.getKey().id() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
