package dev.vigil.trainer.export;

import java.util.List;

/**
 * An exported model's output differs from what it should be by more than the tolerance: the ONNX file must not be
 * shipped. The message says which output, compared with what, by how much and where the largest difference is
 * (0-based indices): for the {@code forecast}, row is the horizon step and column the target; for the {@code state},
 * row is the state row (each layer's h, then each layer's c) and column the hidden unit.
 */
public class ExportMismatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Name of the forecast output, as {@link #output()} reports it. */
    public static final String FORECAST = "forecast";

    /** Name of the state output, as {@link #output()} reports it. */
    public static final String STATE = "state";

    private final String output;
    private final double maxAbsDiff;
    private final double tolerance;
    private final int window;
    private final int row;
    private final int column;

    private ExportMismatchException(String message, String output, LargestDiff diff, double tolerance, int window,
                                    int row, int column) {
        super(message);
        this.output = output;
        this.maxAbsDiff = diff.maxAbsDiff();
        this.tolerance = tolerance;
        this.window = window;
        this.row = row;
        this.column = column;
    }

    /**
     * @param what    the forecast that was checked, e.g. "forecast" or "forecast stepped from a carried state"
     * @param against what it was compared with, e.g. "the expected forecast"
     * @param targets the spec's target names, in the output's order
     */
    static ExportMismatchException forecast(String what, String against, LargestDiff diff, double tolerance,
                                            int horizon, List<String> targets) {
        int perWindow = horizon * targets.size();
        int window = diff.index() / perWindow;
        int step = diff.index() % perWindow / targets.size();
        int target = diff.index() % targets.size();
        return new ExportMismatchException(message(what, against, diff, tolerance, "window " + window
                + ", horizon step " + step + ", target " + target + " '" + targets.get(target) + "'"),
                FORECAST, diff, tolerance, window, step, target);
    }

    /** As {@link #forecast}, for the state output {@code [batch][2 * layers][hidden]}. */
    static ExportMismatchException state(String what, String against, LargestDiff diff, double tolerance,
                                         int layers, int hidden) {
        int perWindow = 2 * layers * hidden;
        int window = diff.index() / perWindow;
        int row = diff.index() % perWindow / hidden;
        int unit = diff.index() % hidden;
        String part = row < layers ? "h of layer " + row : "c of layer " + (row - layers);
        return new ExportMismatchException(message(what, against, diff, tolerance, "window " + window + ", row "
                + row + " (" + part + "), unit " + unit), STATE, diff, tolerance, window, row, unit);
    }

    private static String message(String what, String against, LargestDiff diff, double tolerance, String where) {
        return "exported model's " + what + " disagrees with " + against + ": max abs diff " + diff.maxAbsDiff()
                + " exceeds tolerance " + tolerance + " (largest at " + where + ": ONNX Runtime gave "
                + diff.actual() + ", expected " + diff.expected() + ")";
    }

    /** {@link #FORECAST} or {@link #STATE}. */
    public String output() {
        return output;
    }

    public double maxAbsDiff() {
        return maxAbsDiff;
    }

    public double tolerance() {
        return tolerance;
    }

    /** Batch index of the window with the largest difference. */
    public int window() {
        return window;
    }

    /** Horizon step of a forecast, state row of a state. */
    public int row() {
        return row;
    }

    /** Target of a forecast, hidden unit of a state. */
    public int column() {
        return column;
    }
}
