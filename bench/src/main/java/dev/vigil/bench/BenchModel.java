package dev.vigil.bench;

import dev.vigil.spec.Hyperparameters;
import dev.vigil.trainer.TrainingPipeline;
import dev.vigil.trainer.TrainingRequest;
import dev.vigil.trainer.data.SyntheticHistory;
import dev.vigil.trainer.fit.FitProgress;
import dev.vigil.trainer.fit.SplitFractions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A model for the benchmark when none is given: the trainer's default architecture (2 LSTM layers of 64, horizon
 * 12) with the requested window, fitted briefly on synthetic series. Throughput and latency depend on the graph's
 * shape, not on how well it forecasts, so a short fit measures the same work as a fully trained default model.
 */
final class BenchModel {

    static final int HORIZON = 12;
    static final int LAYERS = 2;
    static final int HIDDEN = 64;

    private BenchModel() {
    }

    /** System property with the bundled default model's path; bin/vigil-bench sets it, else the working directory's. */
    static final String DEFAULT_MODEL_PROPERTY = "vigil.bench.default.model";

    /**
     * The model the streamer ships with, which (b) serves unless told otherwise.
     *
     * @throws IllegalStateException when the file is not where it should be
     */
    static Path bundledDefault() {
        Path path = Path.of(System.getProperty(DEFAULT_MODEL_PROPERTY, "models/default.onnx"));
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("the bundled default model " + path.toAbsolutePath() + " does not exist: "
                    + "run from the repository root, or give --model FILE or --window W");
        }
        return path;
    }

    static Path train(Path dir, int window) {
        Path model = dir.resolve("bench-w" + window + ".onnx");
        new TrainingPipeline(FitProgress.NONE).run(new TrainingRequest(
                SyntheticHistory.of(20, 1500, 7).generate(), List.of(), window, HORIZON,
                new Hyperparameters(LAYERS, HIDDEN, 0, 128, 0.003, 2, 2, 1.0, 4096, 7), SplitFractions.defaults(),
                1024, 512, 24, List.of(0.99, 0.999, 0.9999), model, false, null));
        return model;
    }
}
