package dev.vigil.trainer.fit;

import dev.vigil.scaling.WindowScaler;
import dev.vigil.scaling.WindowStats;
import dev.vigil.spec.Scaling;
import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.Series;

/**
 * Cuts windows out of the history and scales them with the shared {@link WindowScaler}, so training sees exactly
 * what the streamer will feed the model.
 */
public final class BatchAssembler {

    private final History history;
    private final WindowScaler scaler;
    private final int[] targetIndices;
    private final int horizon;

    public BatchAssembler(History history, Scaling scaling, int windowSize, int horizon, int[] targetIndices) {
        this.history = history;
        this.scaler = new WindowScaler(scaling, windowSize, history.features().size());
        this.targetIndices = targetIndices.clone();
        this.horizon = horizon;
    }

    /** The windows {@code windows[from..to)}. */
    public WindowBatch assemble(long[] windows, int from, int to) {
        int size = to - from;
        int w = scaler.windowSize();
        int f = scaler.features();
        int t = targetIndices.length;
        float[] inputs = new float[size * w * f];
        float[] labels = new float[size * horizon * t];
        for (int i = 0; i < size; i++) {
            long window = windows[from + i];
            Series series = history.series().get(WindowSplits.seriesIndex(window));
            int start = WindowSplits.start(window);
            WindowStats stats = scaler.scaleInto(series.values(), start * f, inputs, i * w * f);
            for (int h = 0; h < horizon; h++) {
                for (int k = 0; k < t; k++) {
                    int feature = targetIndices[k];
                    labels[(i * horizon + h) * t + k] =
                            (float) stats.scale(feature, series.value(start + w + h, feature));
                }
            }
        }
        return new WindowBatch(size, inputs, labels);
    }

    /** Raw values of one window, row-major {@code [W][F]}: for charts and fixtures. */
    public double[] rawWindow(long window) {
        Series series = history.series().get(WindowSplits.seriesIndex(window));
        int f = scaler.features();
        int from = WindowSplits.start(window) * f;
        double[] raw = new double[scaler.windowSize() * f];
        System.arraycopy(series.values(), from, raw, 0, raw.length);
        return raw;
    }

    public WindowScaler scaler() {
        return scaler;
    }

    public History history() {
        return history;
    }

    public int[] targetIndices() {
        return targetIndices.clone();
    }

    public int horizon() {
        return horizon;
    }
}
