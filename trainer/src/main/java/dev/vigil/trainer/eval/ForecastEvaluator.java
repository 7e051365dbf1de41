package dev.vigil.trainer.eval;

import dev.vigil.scaling.WindowStats;
import dev.vigil.spec.ForecastMetrics;
import dev.vigil.trainer.data.Series;
import dev.vigil.trainer.fit.BatchAssembler;
import dev.vigil.trainer.fit.WindowBatch;
import dev.vigil.trainer.fit.WindowSplits;

import java.util.List;

/**
 * Scores forecasts on held-out windows beside two naive baselines, all in the windows' scaled units so that
 * series of every magnitude weigh the same: the last observed value, and the value one season earlier.
 */
public final class ForecastEvaluator {

    private final BatchAssembler data;
    private final int seasonalPeriod;

    /** @param seasonalPeriod period of the seasonal-naive baseline in steps, 0 for none */
    public ForecastEvaluator(BatchAssembler data, int seasonalPeriod) {
        this.data = data;
        this.seasonalPeriod = seasonalPeriod;
    }

    /**
     * @param windows  the evaluated windows
     * @param batch    their scaled inputs and labels
     * @param forecast the model's forecasts for them, row-major {@code [n][H][T]}
     */
    public ForecastMetrics evaluate(long[] windows, WindowBatch batch, float[] forecast) {
        int horizon = data.horizon();
        int[] targets = data.targetIndices();
        int w = data.scaler().windowSize();
        int f = data.scaler().features();
        StepErrors model = new StepErrors(horizon);
        StepErrors lastValue = new StepErrors(horizon);
        StepErrors seasonal = new StepErrors(horizon);
        for (int i = 0; i < batch.size(); i++) {
            Series series = data.history().series().get(WindowSplits.seriesIndex(windows[i]));
            int start = WindowSplits.start(windows[i]);
            WindowStats stats = data.scaler().stats(series.values(), start * f);
            for (int h = 0; h < horizon; h++) {
                for (int k = 0; k < targets.length; k++) {
                    int at = (i * horizon + h) * targets.length + k;
                    double actual = batch.labels()[at];
                    model.add(h, forecast[at] - actual);
                    double last = batch.inputs()[(i * w + w - 1) * f + targets[k]];
                    lastValue.add(h, last - actual);
                    if (seasonalPeriod > 0) {
                        int target = start + w + h;
                        int seasonsBack = (h + seasonalPeriod) / seasonalPeriod;
                        int source = target - seasonsBack * seasonalPeriod;
                        if (source >= 0) {
                            seasonal.add(h, stats.scale(targets[k], series.value(source, targets[k])) - actual);
                        }
                    }
                }
            }
        }
        return new ForecastMetrics(batch.size(), model.metrics(), lastValue.metrics(), seasonalPeriod,
                seasonalPeriod > 0 ? seasonal.metrics() : List.of());
    }
}
