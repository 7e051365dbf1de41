package dev.vigil.backtest;

import dev.vigil.streamer.evaluation.TimeRange;
import dev.vigil.streamer.inference.InferenceOptions;
import dev.vigil.streamer.inference.OnnxModel;
import dev.vigil.trainer.cli.ModelOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

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

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Scores {@code series} with the model in {@code modelFile} and the --set settings; closes the model after. */
    List<SeriesResult> score(Path modelFile, List<ScoredSeries> series, List<String> features,
                             Map<String, List<TimeRange>> labels, IntConsumer progress) {
        try (OnnxModel onnx = OnnxModel.load(modelFile, InferenceOptions.defaults())) {
            return new Backtester(onnx, scoring.streamerSettings(modelFile), forecasts).run(series, features, labels, progress);
        }
    }
}
