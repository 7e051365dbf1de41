package dev.vigil.trainer.export;

/**
 * The exported model's forecasts differ from the expected ones by more than the tolerance: the ONNX file must not
 * be shipped. The message says by how much and where the largest difference is (0-based indices).
 */
public class ExportMismatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final double maxAbsDiff;
    private final double tolerance;
    private final int window;
    private final int step;
    private final int target;

    /**
     * @param window     batch index of the window with the largest difference
     * @param step       horizon index there (0 = one step ahead)
     * @param target     target index there
     * @param targetName the spec's name of that target
     * @param actual     ONNX Runtime's value there
     * @param expected   the expected value there
     */
    public ExportMismatchException(double maxAbsDiff, double tolerance, int window, int step, int target,
                                   String targetName, float actual, float expected) {
        super("exported model disagrees with the expected forecast: max abs diff " + maxAbsDiff
                + " exceeds tolerance " + tolerance + " (largest at window " + window + ", horizon step " + step
                + ", target " + target + " '" + targetName + "': ONNX Runtime gave " + actual + ", expected "
                + expected + ")");
        this.maxAbsDiff = maxAbsDiff;
        this.tolerance = tolerance;
        this.window = window;
        this.step = step;
        this.target = target;
    }

    public double maxAbsDiff() {
        return maxAbsDiff;
    }

    public double tolerance() {
        return tolerance;
    }

    public int window() {
        return window;
    }

    public int step() {
        return step;
    }

    public int target() {
        return target;
    }
}
