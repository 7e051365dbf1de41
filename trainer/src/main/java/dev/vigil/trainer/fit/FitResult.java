package dev.vigil.trainer.fit;

import java.util.List;

/**
 * What training did: the loss curve and where it stopped. The forecaster holds the best epoch's weights.
 *
 * @param epochs       every epoch run, in order
 * @param bestEpoch    1-based epoch with the lowest validation loss
 * @param stoppedEarly whether early stopping ended training before the maximum number of epochs
 * @param millis       wall time of the whole fit
 */
public record FitResult(List<EpochResult> epochs, int bestEpoch, boolean stoppedEarly, long millis) {

    public FitResult {
        epochs = List.copyOf(epochs);
    }

    public double bestValidationLoss() {
        return epochs.get(bestEpoch - 1).validationLoss();
    }
}
