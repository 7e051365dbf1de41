package dev.vigil.trainer.fit;

/**
 * How each series is cut by time: the first {@code train} fraction of its steps for training, the next
 * {@code validation} fraction for early stopping and threshold calibration, the rest for the test metrics.
 */
public record SplitFractions(double train, double validation) {

    public SplitFractions {
        if (!(train > 0) || !(validation > 0) || train + validation >= 1) {
            throw new IllegalArgumentException("split fractions: found train " + train + " and validation "
                    + validation + ", expected both > 0 with a sum below 1 (the rest is the test split)");
        }
    }

    public static SplitFractions defaults() {
        return new SplitFractions(0.7, 0.15);
    }

    public double test() {
        return 1 - train - validation;
    }

    /** The first step after the training split of a series of {@code length} steps. */
    public int trainEnd(int length) {
        return (int) Math.floor(length * train);
    }

    /** The first step after the validation split of a series of {@code length} steps. */
    public int validationEnd(int length) {
        return (int) Math.floor(length * (train + validation));
    }
}
