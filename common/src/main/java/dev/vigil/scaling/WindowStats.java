package dev.vigil.scaling;

/**
 * Per-feature mean and divisor of one window.
 *
 * @param mean  mean of each feature over the window
 * @param scale divisor of each feature, never below the scheme's floors
 */
public record WindowStats(double[] mean, double[] scale) {

    /** Raw value of feature {@code f} to scaled units. */
    public double scale(int f, double raw) {
        return (raw - mean[f]) / scale[f];
    }

    /** Scaled value of feature {@code f} back to raw units. */
    public double unscale(int f, double scaled) {
        return scaled * scale[f] + mean[f];
    }
}
