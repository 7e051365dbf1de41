package dev.vigil.streamer.it;

import dev.vigil.spec.Hyperparameters;
import dev.vigil.trainer.TrainingPipeline;
import dev.vigil.trainer.TrainingRequest;
import dev.vigil.trainer.data.SyntheticHistory;
import dev.vigil.trainer.fit.FitProgress;
import dev.vigil.trainer.fit.SplitFractions;

import java.nio.file.Path;
import java.util.List;

/** Trains a small real model with the trainer, for integration tests (about ten seconds). */
public final class TrainedModel {

    public static final int WINDOW = 24;
    public static final int HORIZON = 6;

    private TrainedModel() {
    }

    public static Path train(Path dir) {
        Path model = dir.resolve("it-model.onnx");
        new TrainingPipeline(FitProgress.NONE).run(new TrainingRequest(
                SyntheticHistory.of(20, 1500, 5).generate(), List.of(), WINDOW, HORIZON,
                new Hyperparameters(1, 32, 0, 64, 0.005, 6, 3, 1.0, 8192, 11), SplitFractions.defaults(),
                2048, 1024, 24, List.of(0.99, 0.999, 0.9999), model, false, null));
        return model;
    }
}
