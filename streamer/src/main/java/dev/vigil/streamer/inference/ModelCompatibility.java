package dev.vigil.streamer.inference;

import dev.vigil.spec.ModelSpec;

import java.util.Optional;

/**
 * Whether a new model can replace the served one without restarting: the series' state (windows of W steps of the
 * same features, aligned to the same step, scaled the same way, forecasts of the same targets over H steps) must
 * mean the same to both. Thresholds, weights and provenance may differ.
 */
public final class ModelCompatibility {

    private ModelCompatibility() {
    }

    /** Why {@code next} cannot replace {@code current}, or empty when it can. */
    public static Optional<String> problem(ModelSpec current, ModelSpec next) {
        if (!current.features().equals(next.features())) {
            return differs("features", current.features(), next.features());
        }
        if (!current.targets().equals(next.targets())) {
            return differs("targets", current.targets(), next.targets());
        }
        if (current.windowSize() != next.windowSize()) {
            return differs("windowSize", current.windowSize(), next.windowSize());
        }
        if (current.horizon() != next.horizon()) {
            return differs("horizon", current.horizon(), next.horizon());
        }
        if (current.stepMillis() != next.stepMillis()) {
            return differs("stepMillis", current.stepMillis(), next.stepMillis());
        }
        if (!current.scaling().equals(next.scaling())) {
            return differs("scaling", current.scaling(), next.scaling());
        }
        return Optional.empty();
    }

    private static Optional<String> differs(String field, Object current, Object next) {
        return Optional.of("model spec field '" + field + "': served model has " + current + ", new model has " + next
                + " (series state depends on it: roll such a model out under a new application id)");
    }
}
