package dev.vigil.trainer.cli;

import dev.vigil.spec.ForecastMetrics;
import dev.vigil.spec.StepMetrics;

import java.util.List;
import java.util.Locale;

/** The test metrics, model beside baselines, as a plain text table. */
final class MetricsTable {

    private MetricsTable() {
    }

    static String format(ForecastMetrics metrics) {
        boolean seasonal = metrics.seasonalPeriod() > 0;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Test split: %d windows, errors in scaled units (window std devs)%n",
                metrics.windows()));
        out.append(String.format(Locale.ROOT, "%4s | %-26s | %-26s", "step", "LSTM  MSE / RMSE / MAE",
                "last value  MSE / RMSE / MAE"));
        if (seasonal) {
            out.append(String.format(Locale.ROOT, " | seasonal naive (period %d)", metrics.seasonalPeriod()));
        }
        out.append(System.lineSeparator());
        for (int h = 0; h < metrics.model().size(); h++) {
            out.append(String.format(Locale.ROOT, "%4d | %s | %s", h + 1, cell(metrics.model(), h),
                    cell(metrics.lastValue(), h)));
            if (seasonal) {
                out.append(" | ").append(cell(metrics.seasonalNaive(), h));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }

    private static String cell(List<StepMetrics> metrics, int h) {
        StepMetrics m = metrics.get(h);
        return String.format(Locale.ROOT, "%8.5f %8.5f %8.5f", m.mse(), m.rmse(), m.mae());
    }
}
