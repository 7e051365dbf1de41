package dev.vigil.streamer.metrics;

import dev.vigil.spec.ModelSpec;
import dev.vigil.spec.Provenance;
import dev.vigil.spec.Thresholds;
import dev.vigil.streamer.inference.ExecutionProvider;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** What the served model is: an info gauge carrying its provenance as tags, and its calibrated thresholds. */
final class ModelMeters {

    private ModelMeters() {
    }

    static void bind(MeterRegistry registry, ModelSpec spec, String modelVersion, ExecutionProvider provider) {
        Provenance provenance = spec.provenance();
        Tags info = Tags.of(
                "version", modelVersion,
                "trained_at", provenance == null || provenance.createdAt() == null ? "unknown"
                        : provenance.createdAt(),
                "window", Integer.toString(spec.windowSize()),
                "horizon", Integer.toString(spec.horizon()),
                "features", String.join(",", spec.features()),
                "targets", String.join(",", spec.targets()),
                "provider", provider.id());
        Gauge.builder("vigil.model.info", () -> 1).tags(info)
                .description("Always 1; the tags describe the model being served").register(registry);
        Thresholds thresholds = spec.thresholds();
        for (int q = 0; q < thresholds.quantiles().size(); q++) {
            for (int h = 0; h < spec.horizon(); h++) {
                double value = maxOverTargets(thresholds, q, h, spec.targets().size());
                Gauge.builder("vigil.model.calibrated.threshold", () -> value)
                        .tags("quantile", Double.toString(thresholds.quantiles().get(q)),
                                "step", Integer.toString(h + 1))
                        .description("The model's calibrated threshold (max over targets), in scaled units")
                        .register(registry);
            }
        }
    }

    /** Replaces the served model's meters by those of the model swapped in. */
    static void rebind(MeterRegistry registry, ModelSpec spec, String modelVersion, ExecutionProvider provider) {
        for (String name : new String[] {"vigil.model.info", "vigil.model.calibrated.threshold"}) {
            registry.find(name).meters().forEach(registry::remove);
        }
        bind(registry, spec, modelVersion, provider);
    }

    private static double maxOverTargets(Thresholds thresholds, int quantile, int step, int targets) {
        double max = Double.NaN;
        for (int t = 0; t < targets; t++) {
            double value = thresholds.at(quantile, step, t);
            max = Double.isNaN(max) ? value : Math.max(max, value);
        }
        return max;
    }
}
