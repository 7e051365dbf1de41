package dev.vigil.streamer.metrics;

import dev.vigil.spec.ModelSpec;
import dev.vigil.streamer.config.MetricsKeys;
import dev.vigil.streamer.inference.ExecutionProvider;
import dev.vigil.streamer.output.AnomalyEvent;
import dev.vigil.streamer.output.ScoreRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Objects;

/**
 * All of Vigil's own meters, in one binder: what the topology reports through {@link StreamerMetrics}, the served
 * model, and per-series gauges for a bounded set of series. docs/metrics.md lists every meter.
 *
 * <p>Bind it to exactly one registry. Every meter is registered when it is bound, so the hooks, called on the
 * stream threads, only increment, record and set; they are thread-safe and do nothing before binding.
 */
public final class VigilMeters implements StreamerMetrics, MeterBinder {

    private final ModelSpec spec;
    private final String modelVersion;
    private final ExecutionProvider provider;
    private final MetricsKeys.Settings series;
    private volatile Bound bound;

    private record Bound(PipelineMeters pipeline, AnomalyMeters anomalies, SeriesMeters series) {
    }

    /**
     * @param spec         the served model's spec
     * @param modelVersion the served model's version, as in output records
     * @param provider     the execution provider the model actually runs on
     * @param series       which series get per-series meters: the allow-list, else the top N by score
     */
    public VigilMeters(ModelSpec spec, String modelVersion, ExecutionProvider provider, MetricsKeys.Settings series) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.modelVersion = Objects.requireNonNull(modelVersion, "modelVersion");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.series = Objects.requireNonNull(series, "series");
    }

    /** @throws IllegalStateException when already bound: one instance serves one registry */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        if (bound != null) {
            throw new IllegalStateException("VigilMeters is already bound to a registry; create one per registry");
        }
        ModelMeters.bind(registry, spec, modelVersion, provider);
        bound = new Bound(new PipelineMeters(registry), new AnomalyMeters(registry),
                new SeriesMeters(registry, spec.targets(), series.seriesAllow(), series.seriesTop()));
    }

    @Override
    public void recordIn() {
        Bound b = bound;
        if (b != null) {
            b.pipeline.recordIn();
        }
    }

    @Override
    public void deadLettered(String reason) {
        Bound b = bound;
        if (b != null) {
            b.pipeline.deadLettered(reason);
        }
    }

    @Override
    public void warmUpStarted() {
        Bound b = bound;
        if (b != null) {
            b.pipeline.warmUpStarted();
        }
    }

    @Override
    public void warmUpEnded() {
        Bound b = bound;
        if (b != null) {
            b.pipeline.warmUpEnded();
        }
    }

    @Override
    public void scored(ScoreRecord score) {
        Bound b = bound;
        if (b != null) {
            b.pipeline.scored(score);
            b.series.scored(score);
        }
    }

    @Override
    public void anomalyEvent(AnomalyEvent event) {
        Bound b = bound;
        if (b != null) {
            b.anomalies.event(event);
        }
    }

    @Override
    public void forecasts(String how, int count) {
        Bound b = bound;
        if (b != null) {
            b.pipeline.forecasts(how, count);
        }
    }

    @Override
    public void batch(int windows, long nanos) {
        Bound b = bound;
        if (b != null) {
            b.pipeline.batch(windows, nanos);
        }
    }

    @Override
    public void storeSize(String taskId, long seriesInStore) {
        Bound b = bound;
        if (b != null) {
            b.pipeline.storeSize(taskId, seriesInStore);
        }
    }
}
