package dev.vigil.trainer.fit;

/**
 * One epoch's outcome.
 *
 * @param epoch          1-based
 * @param trainLoss      mean training MSE over the epoch's batches, scaled units
 * @param validationLoss MSE on the validation sample, scaled units
 * @param improved       whether this epoch is the best so far
 * @param millis         wall time of the epoch including validation
 */
public record EpochResult(int epoch, double trainLoss, double validationLoss, boolean improved, long millis) {
}
