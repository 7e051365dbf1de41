package dev.vigil.streamer.state;

import dev.vigil.scaling.WindowScaler;
import dev.vigil.scaling.WindowStats;
import dev.vigil.streamer.scoring.AlertState;
import dev.vigil.streamer.scoring.ErrorHistory;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything Vigil keeps per series, bounded in size (see docs/state.md): the last W samples in a ring buffer, the
 * forecast path made for the next H steps, the scoring state, and in stateful mode the LSTM state carried from one
 * step to the next. Mutable, owned by one stream task at a time;
 * {@link SeriesStateCodec} turns it into the compact bytes kept in the state store.
 */
public final class SeriesState {

    /** Marks "no timestamp yet". */
    public static final long NONE = Long.MIN_VALUE;

    private final int windowSize;
    private final int features;
    final double[] ring;
    final boolean[] filled;
    int head;
    int count;
    long lastTs = NONE;

    long forecastOrigin = NONE;
    final double[] forecast;
    final double[] forecastScale;

    double smoothedError = Double.NaN;
    ErrorHistory errors;
    AlertState alert = AlertState.initial();
    Map<String, String> labels = Map.of();

    final double[] counterRaw;
    long counterTs = NONE;

    float[] lstm = new float[0];
    long lstmTs = NONE;
    int lstmModel;
    int stepsSinceDerive;
    final double[] stepMean;
    final double[] stepScale;

    public SeriesState(int windowSize, int features, int horizon, int targets, int errorHistory) {
        this.windowSize = windowSize;
        this.features = features;
        this.ring = new double[windowSize * features];
        this.filled = new boolean[windowSize];
        this.forecast = new double[horizon * targets];
        this.forecastScale = new double[targets];
        this.errors = ErrorHistory.of(new float[0], errorHistory);
        this.counterRaw = new double[features];
        Arrays.fill(counterRaw, Double.NaN);
        this.stepMean = new double[features];
        this.stepScale = new double[features];
    }

    /** Appends one step; the oldest step falls out once W steps are held. */
    public void append(long ts, double[] values, boolean isFilled) {
        System.arraycopy(values, 0, ring, head * features, features);
        filled[head] = isFilled;
        head = (head + 1) % windowSize;
        count = Math.min(windowSize, count + 1);
        lastTs = ts;
    }

    /** The newest step's values. */
    public double[] lastValues() {
        int last = (head - 1 + windowSize) % windowSize;
        return Arrays.copyOfRange(ring, last * features, (last + 1) * features);
    }

    /** Copies the held window, oldest step first, row-major {@code [W][F]}, into {@code out[offset..]}. */
    public void copyWindow(double[] out, int offset) {
        int start = count < windowSize ? 0 : head;
        for (int i = 0; i < count; i++) {
            int slot = (start + i) % windowSize;
            System.arraycopy(ring, slot * features, out, offset + i * features, features);
        }
    }

    /**
     * The statistics of the held window under {@code scaler}, read from the ring as it lies: a mean and a spread do
     * not depend on the steps' order, so a full window needs no copy in time order (the drift check runs this for
     * every stepped forecast). Only meaningful once the window is {@link #warm() warm}.
     */
    public WindowStats windowStats(WindowScaler scaler) {
        if (!warm()) {
            throw new IllegalStateException("window statistics of a window holding " + count + " of "
                    + windowSize + " steps");
        }
        return scaler.stats(ring, 0);
    }

    /** Forgets the samples and the forecast (after a long gap), keeping the scoring history and alert state. */
    public void restartWarmUp() {
        Arrays.fill(ring, 0);
        Arrays.fill(filled, false);
        head = 0;
        count = 0;
        forecastOrigin = NONE;
        Arrays.fill(forecast, 0);
        Arrays.fill(forecastScale, 0);
        forgetLstm();
    }

    /**
     * The carried LSTM state, valid for stepping when it absorbed every held step but the newest: its timestamp is
     * {@link #lstmTs()}, it was made by the model whose key is {@link #lstmModel()}, and the scaling it was fed with
     * is {@link #stepStats()}. Empty when there is none.
     */
    public float[] lstm() {
        return lstm;
    }

    /** Timestamp of the last step the carried LSTM state has absorbed, {@link #NONE} when there is no state. */
    public long lstmTs() {
        return lstmTs;
    }

    /** Key of the model that made the carried state (see {@code ForecastBatcher}). */
    public int lstmModel() {
        return lstmModel;
    }

    /** Steps the carried state has advanced since it was last derived from the whole window. */
    public int stepsSinceDerive() {
        return stepsSinceDerive;
    }

    /** The window statistics frozen when the state was derived: every step until the next derivation uses them. */
    public WindowStats stepStats() {
        return new WindowStats(stepMean.clone(), stepScale.clone());
    }

    /** Scales the newest step with the frozen statistics into {@code out[offset..offset + F)}. */
    public void scaleNewestStep(float[] out, int offset) {
        int last = (head - 1 + windowSize) % windowSize;
        for (int f = 0; f < features; f++) {
            out[offset + f] = (float) ((ring[last * features + f] - stepMean[f]) / stepScale[f]);
        }
    }

    /**
     * Keeps the LSTM state {@code source[offset..offset + size)} as having absorbed every step up to {@code ts}:
     * derived from the whole window scaled with {@code derivedWith}, or advanced one step when that is null.
     */
    public void lstm(long ts, int model, float[] source, int offset, int size, WindowStats derivedWith) {
        if (lstm.length != size) {
            lstm = new float[size];
        }
        System.arraycopy(source, offset, lstm, 0, size);
        lstmTs = ts;
        lstmModel = model;
        if (derivedWith == null) {
            stepsSinceDerive++;
        } else {
            stepsSinceDerive = 0;
            System.arraycopy(derivedWith.mean(), 0, stepMean, 0, features);
            System.arraycopy(derivedWith.scale(), 0, stepScale, 0, features);
        }
    }

    /** Drops the carried state, so the next forecast derives it from the window. */
    public void forgetLstm() {
        lstm = new float[0];
        lstmTs = NONE;
        lstmModel = 0;
        stepsSinceDerive = 0;
    }

    public boolean warm() {
        return count >= windowSize;
    }

    public int count() {
        return count;
    }

    public long lastTs() {
        return lastTs;
    }

    public long forecastOrigin() {
        return forecastOrigin;
    }

    /** Stores a forecast path made from the window ending at {@code origin}, in raw units, with the window scales. */
    public void setForecast(long origin, double[] path, double[] scales) {
        forecastOrigin = origin;
        System.arraycopy(path, 0, forecast, 0, forecast.length);
        System.arraycopy(scales, 0, forecastScale, 0, forecastScale.length);
    }

    public double forecast(int index) {
        return forecast[index];
    }

    public double forecastScale(int target) {
        return forecastScale[target];
    }

    /** The latest timestamp seen, applied or only used to prime counter rates. */
    public long latestTs() {
        return Math.max(lastTs, counterTs);
    }

    /** Raw value of counter feature {@code f} at {@link #counterTs()}, NaN before the first. */
    public double counterRaw(int f) {
        return counterRaw[f];
    }

    public long counterTs() {
        return counterTs;
    }

    /** Remembers the raw counter values of a point, for the next point's rates. */
    public void counters(long ts, double[] raw) {
        System.arraycopy(raw, 0, counterRaw, 0, counterRaw.length);
        counterTs = ts;
    }

    public double smoothedError() {
        return smoothedError;
    }

    public void smoothedError(double value) {
        smoothedError = value;
    }

    public ErrorHistory errors() {
        return errors;
    }

    public AlertState alert() {
        return alert;
    }

    public void alert(AlertState value) {
        alert = value;
    }

    public Map<String, String> labels() {
        return labels;
    }

    /** Longest label key or value kept, in characters; longer ones are cut. */
    public static final int MAX_LABEL_LENGTH = 128;

    /** Keeps at most {@code max} labels, in the order given, each cut to {@value #MAX_LABEL_LENGTH} characters;
     * returns how many were dropped. */
    public int labels(Map<String, String> value, int max) {
        if (value.isEmpty()) {
            return 0;
        }
        Map<String, String> kept = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : value.entrySet()) {
            if (kept.size() == max) {
                break;
            }
            kept.put(cut(e.getKey()), cut(e.getValue()));
        }
        labels = Map.copyOf(kept);
        return value.size() - kept.size();
    }

    private static String cut(String s) {
        return s.length() <= MAX_LABEL_LENGTH ? s : s.substring(0, MAX_LABEL_LENGTH);
    }

    int windowSize() {
        return windowSize;
    }

    int features() {
        return features;
    }
}
