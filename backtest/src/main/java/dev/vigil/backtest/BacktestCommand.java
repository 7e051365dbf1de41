package dev.vigil.backtest;

import dev.vigil.streamer.evaluation.TimeRange;
import dev.vigil.streamer.inference.InferenceOptions;
import dev.vigil.streamer.inference.OnnxModel;
import dev.vigil.trainer.cli.ModelOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import dev.vigil.streamer.topology.StreamerSettings;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/** What every backtest command has: the scoring settings and output, the model options, and scoring itself. */
abstract class BacktestCommand {

    @Mixin
    ScoringOptions scoring = new ScoringOptions();

    @Mixin
    ModelOptions model = new ModelOptions();

    @Spec
    CommandSpec spec;

    /** Forecasts of every scoring run of this command, by how they were made. */
    final ForecastTally forecasts = new ForecastTally();

    /** The settings of the last scoring run: the smoothing and resolve steps the hindsight bound uses. */
    private StreamerSettings lastSettings;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Scores {@code series} with the model in {@code modelFile} and the --set settings; closes the model after. */
    List<SeriesResult> score(Path modelFile, List<ScoredSeries> series, List<String> features,
                             Map<String, List<TimeRange>> labels, IntConsumer progress) {
        try (OnnxModel onnx = OnnxModel.load(modelFile, InferenceOptions.defaults())) {
            lastSettings = scoring.streamerSettings(modelFile);
            return new Backtester(onnx, lastSettings, forecasts).run(series, features, labels, progress);
        }
    }

    /**
     * The hindsight bound of {@code results} as one report line, smoothed like the streamer smoothed and with the
     * labels widened by its resolve steps (an alert that long after a label is still the label's alert).
     */
    String hindsight(List<SeriesResult> results) {
        if (lastSettings == null) {
            return "";
        }
        return HindsightBound.of(results, lastSettings.smoothingAlpha(), lastSettings.resolveAfterQuietSteps())
                .describe();
    }
}
