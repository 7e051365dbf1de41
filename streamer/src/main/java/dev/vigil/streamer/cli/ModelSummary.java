package dev.vigil.streamer.cli;

import dev.vigil.spec.ForecastMetrics;
import dev.vigil.spec.ModelSpec;
import dev.vigil.spec.Provenance;
import dev.vigil.spec.StepMetrics;
import dev.vigil.spec.TrainingData;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** One-line descriptions of a model's shape and provenance, for the start-up log. */
final class ModelSummary {

    private ModelSummary() {
    }

    /** Features, targets, window, horizon and step. */
    static String shape(ModelSpec spec) {
        return String.format(Locale.ROOT, "features %s, targets %s, window W=%d, horizon H=%d, step %d ms, "
                + "threshold quantiles %s", spec.features(), spec.targets(), spec.windowSize(), spec.horizon(),
                spec.stepMillis(), spec.thresholds().quantiles());
    }

    /** The training data: source, size, time range and fingerprint. */
    static String data(Provenance provenance) {
        TrainingData data = provenance.data();
        return String.format(Locale.ROOT, "trained on %s: %d series, %d points, %s .. %s, fingerprint %s",
                data.source(), data.series(), data.points(), Instant.ofEpochMilli(data.firstTsMillis()),
                Instant.ofEpochMilli(data.lastTsMillis()), data.fingerprint());
    }

    /** Trainer version and commit, creation time, seed and epochs. */
    static String training(Provenance provenance) {
        return String.format(Locale.ROOT, "trainer %s (commit %s), created %s, seed %d, %d epochs run, best %d",
                provenance.vigilVersion(), provenance.gitCommit(), provenance.createdAt(),
                provenance.hyperparameters().seed(), provenance.epochsRun(), provenance.bestEpoch());
    }

    /** Mean test MAE and RMSE over the horizon, beside the naive baselines. */
    static String testMetrics(ForecastMetrics metrics) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "test metrics over %d windows (scaled units, mean over the horizon): model %s, last value %s",
                metrics.windows(), mean(metrics.model()), mean(metrics.lastValue())));
        if (metrics.seasonalPeriod() > 0) {
            text.append(String.format(Locale.ROOT, ", seasonal naive (period %d) %s", metrics.seasonalPeriod(),
                    mean(metrics.seasonalNaive())));
        }
        return text.toString();
    }

    private static String mean(List<StepMetrics> steps) {
        if (steps.isEmpty()) {
            return "n/a";
        }
        double mae = steps.stream().mapToDouble(StepMetrics::mae).average().orElseThrow();
        double rmse = steps.stream().mapToDouble(StepMetrics::rmse).average().orElseThrow();
        return String.format(Locale.ROOT, "MAE %.4f RMSE %.4f", mae, rmse);
    }
}
