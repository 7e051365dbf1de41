package dev.vigil.streamer.topology;

import dev.vigil.spec.ForecastMetrics;
import dev.vigil.spec.Hyperparameters;
import dev.vigil.spec.ModelSpec;
import dev.vigil.spec.Provenance;
import dev.vigil.spec.Scaling;
import dev.vigil.spec.Thresholds;
import dev.vigil.spec.TrainingData;
import dev.vigil.streamer.inference.Forecaster;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transparent stand-in model for topology tests: it forecasts the window's mean (0 in scaled units) for every
 * step, so expected values, errors and anomalies are easy to reason about. Counts its calls and batch sizes.
 */
final class MeanForecaster implements Forecaster {

    static final long STEP = 1_000L;

    private final ModelSpec spec;
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger windows = new AtomicInteger();
    volatile int largestBatch;

    /** Calibrated thresholds: 1.5 at quantile 0.99 and 3.0 at 0.999, in scaled units, for every step. */
    MeanForecaster(int windowSize, int horizon, List<String> features, List<String> targets) {
        double[][][] thresholds = new double[2][horizon][targets.size()];
        for (double[] row : thresholds[0]) {
            Arrays.fill(row, 1.5);
        }
        for (double[] row : thresholds[1]) {
            Arrays.fill(row, 3.0);
        }
        Provenance provenance = new Provenance("test", "unknown", "2026-01-01T00:00:00Z",
                new TrainingData("test", 1, 100, 0, 100_000, "0".repeat(64)),
                new Hyperparameters(1, 4, 0, 8, 0.01, 1, 1, 0, 0, 1), 1, 1,
                new ForecastMetrics(0, List.of(), List.of(), 0, List.of()));
        this.spec = new ModelSpec(ModelSpec.FORMAT_VERSION, features, targets, windowSize, horizon, STEP,
                Scaling.defaults(), new Thresholds(List.of(0.99, 0.999), thresholds, 100), provenance).validate();
    }

    static MeanForecaster univariate(int windowSize, int horizon) {
        return new MeanForecaster(windowSize, horizon, List.of("value"), List.of("value"));
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public String modelVersion() {
        return "mean-test";
    }

    @Override
    public float[] forecast(float[] windowsIn, int batch) {
        calls.incrementAndGet();
        windows.addAndGet(batch);
        largestBatch = Math.max(largestBatch, batch);
        return new float[batch * spec.horizon() * spec.targets().size()];
    }
}
