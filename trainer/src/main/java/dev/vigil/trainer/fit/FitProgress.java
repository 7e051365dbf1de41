package dev.vigil.trainer.fit;

/** Hears about training as it goes: the CLI draws a progress bar, tests stay quiet. */
public interface FitProgress {

    default void epochStarted(int epoch, int maxEpochs, int batches) {
    }

    default void batchDone(double loss) {
    }

    /** Called once per epoch after validation; {@code improved} means the weights were kept as the best so far. */
    default void epochDone(EpochResult result) {
    }

    FitProgress NONE = new FitProgress() {
    };
}
