package dev.vigil.trainer;

import dev.vigil.spec.Hyperparameters;
import dev.vigil.trainer.data.History;
import dev.vigil.trainer.fit.FitProgress;
import dev.vigil.trainer.fit.SplitFractions;

import java.nio.file.Path;
import java.util.List;

/** Training requests small enough for unit tests: seconds, not minutes. */
final class SmallRuns {

    static final List<Double> QUANTILES = List.of(0.99, 0.999);

    private SmallRuns() {
    }

    static Hyperparameters hyperparameters(int epochs, long seed) {
        return new Hyperparameters(1, 32, 0.0, 64, 0.005, epochs, 3, 1.0, 4096, seed);
    }

    static TrainingRequest request(History history, List<String> targets, int epochs, long seed, Path output,
                                   boolean charts) {
        return new TrainingRequest(history, targets, 24, 6, hyperparameters(epochs, seed), SplitFractions.defaults(),
                1024, 2048, null, QUANTILES, output, charts, null);
    }

    static TrainingReport run(TrainingRequest request) {
        return new TrainingPipeline(FitProgress.NONE).run(request);
    }
}
