package dev.vigil.trainer.report;

import dev.vigil.scaling.WindowStats;
import dev.vigil.trainer.data.Series;
import dev.vigil.trainer.fit.BatchAssembler;
import dev.vigil.trainer.fit.EpochResult;
import dev.vigil.trainer.fit.FitResult;
import dev.vigil.trainer.fit.WindowBatch;
import dev.vigil.trainer.fit.WindowSplits;
import dev.vigil.trainer.model.DjlForecaster;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The two charts written next to a model: the loss curve ({@code <model>.loss.png}) and forecast against actual on
 * the test split of the first series ({@code <model>.forecast.png}).
 */
public final class Charts {

    /** Test steps shown in the forecast chart. */
    static final int FORECAST_STEPS = 240;

    private Charts() {
    }

    public static List<Path> write(Path model, FitResult fit, BatchAssembler data, DjlForecaster forecaster,
                                   WindowSplits splits) {
        String base = model.getFileName().toString().replaceFirst("\\.onnx$", "");
        Path loss = model.resolveSibling(base + ".loss.png");
        Path forecast = model.resolveSibling(base + ".forecast.png");
        save(lossChart(fit), loss);
        save(forecastChart(data, forecaster, splits), forecast);
        return List.of(loss, forecast);
    }

    static XYChart lossChart(FitResult fit) {
        XYChart chart = new XYChartBuilder().width(900).height(450)
                .title("Training loss (best epoch " + fit.bestEpoch() + ")")
                .xAxisTitle("epoch").yAxisTitle("MSE, scaled units").build();
        double[] epochs = fit.epochs().stream().mapToDouble(EpochResult::epoch).toArray();
        chart.addSeries("train", epochs, fit.epochs().stream().mapToDouble(EpochResult::trainLoss).toArray())
                .setMarker(SeriesMarkers.CIRCLE);
        chart.addSeries("validation", epochs,
                fit.epochs().stream().mapToDouble(EpochResult::validationLoss).toArray())
                .setMarker(SeriesMarkers.CIRCLE);
        return chart;
    }

    /** Actual values, one-step-ahead forecasts, and the full horizon forecast from the last window shown. */
    static XYChart forecastChart(BatchAssembler data, DjlForecaster forecaster, WindowSplits splits) {
        long[] test = splits.test();
        int series = WindowSplits.seriesIndex(test[0]);
        int count = 0;
        while (count < test.length && count < FORECAST_STEPS && WindowSplits.seriesIndex(test[count]) == series) {
            count++;
        }
        long[] windows = Arrays.copyOf(test, count);
        WindowBatch batch = data.assemble(windows, 0, count);
        float[] forecast = forecaster.predict(batch.inputs(), count);
        Series s = data.history().series().get(series);
        int target = data.targetIndices()[0];
        int targets = data.targetIndices().length;
        int w = data.scaler().windowSize();
        int f = data.scaler().features();
        int horizon = data.horizon();
        double[] steps = new double[count];
        double[] actual = new double[count];
        double[] oneStep = new double[count];
        WindowStats last = null;
        for (int i = 0; i < count; i++) {
            int start = WindowSplits.start(windows[i]);
            last = data.scaler().stats(s.values(), start * f);
            steps[i] = start + w;
            actual[i] = s.value(start + w, target);
            oneStep[i] = last.unscale(target, forecast[i * horizon * targets]);
        }
        double[] pathSteps = new double[horizon];
        double[] path = new double[horizon];
        int lastStart = WindowSplits.start(windows[count - 1]);
        for (int h = 0; h < horizon; h++) {
            pathSteps[h] = lastStart + w + h;
            path[h] = last.unscale(target, forecast[((count - 1) * horizon + h) * targets]);
        }
        XYChart chart = new XYChartBuilder().width(1000).height(450)
                .title("Forecast vs actual: series '" + s.id() + "', feature '"
                        + data.history().features().get(target) + "', test split")
                .xAxisTitle("step").yAxisTitle(data.history().features().get(target)).build();
        chart.addSeries("actual", steps, actual).setMarker(SeriesMarkers.NONE);
        chart.addSeries("forecast, 1 step ahead", steps, oneStep).setMarker(SeriesMarkers.NONE);
        XYSeries rollout = chart.addSeries("forecast, " + horizon + " steps from the last window", pathSteps, path);
        rollout.setMarker(SeriesMarkers.CIRCLE);
        return chart;
    }

    /** Writes {@code chart} as a PNG; shared by every chart Vigil writes. */
    public static void save(XYChart chart, Path path) {
        try {
            BitmapEncoder.saveBitmap(chart, path.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write chart " + path + ": " + e.getMessage(), e);
        }
    }
}
