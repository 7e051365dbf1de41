package dev.vigil.spec;

/**
 * Where a model came from: enough to repeat its training run exactly.
 *
 * @param vigilVersion    version of the trainer that made it
 * @param gitCommit       commit of the trainer's source, or "unknown"
 * @param createdAt       ISO-8601 instant of export
 * @param data            the training data
 * @param hyperparameters the training settings
 * @param epochsRun       epochs actually run (early stopping may end before the maximum)
 * @param bestEpoch       epoch whose weights were kept (lowest validation loss), 1-based
 * @param testMetrics     test-split metrics beside the naive baselines
 */
public record Provenance(
        String vigilVersion,
        String gitCommit,
        String createdAt,
        TrainingData data,
        Hyperparameters hyperparameters,
        int epochsRun,
        int bestEpoch,
        ForecastMetrics testMetrics) {
}
