package dev.vigil.backtest;

import dev.vigil.trainer.TrainingPipeline;
import dev.vigil.trainer.TrainingReport;
import dev.vigil.trainer.cli.ModelOptions;
import dev.vigil.trainer.data.History;
import dev.vigil.trainer.fit.FitProgress;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** Trains the model a backtest scores with, through the trainer's own pipeline. */
final class ModelSource {

    private ModelSource() {
    }

    static Path train(History history, ModelOptions options, Path output, PrintWriter out) {
        options.validate();
        ModelOptions.setThreads(options.threads());
        long begin = System.nanoTime();
        TrainingReport report = new TrainingPipeline(FitProgress.NONE)
                .run(options.request(history, output, false, null));
        out.printf(Locale.ROOT, "Trained %s on %d series, %d points: %d epochs (best %d), validation MSE %.5f, "
                        + "%.1f s%n", output.getFileName(), history.series().size(), history.points(),
                report.fit().epochs().size(), report.fit().bestEpoch(), report.fit().bestValidationLoss(),
                (System.nanoTime() - begin) / 1e9);
        return output;
    }
}
