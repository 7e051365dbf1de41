package dev.vigil.scaling;

import dev.vigil.spec.Scaling;

/**
 * Applies a {@link Scaling} to one window. The trainer and the streamer both scale through this class, so what the
 * model saw in training is exactly what it sees in production.
 *
 * <p>A raw window is row-major {@code [windowSize][features]}: {@code raw[t * features + f]}.
 */
public final class WindowScaler {

    private final Scaling scaling;
    private final int windowSize;
    private final int features;
    /** The fitted statistics of a fixed scheme, the same for every window; null for per-window scaling. */
    private final WindowStats fixed;

    public WindowScaler(Scaling scaling, int windowSize, int features) {
        if (windowSize < 1 || features < 1) {
            throw new IllegalArgumentException("window of " + windowSize + " steps x " + features
                    + " features: expected at least 1 x 1");
        }
        this.scaling = scaling;
        this.windowSize = windowSize;
        this.features = features;
        this.fixed = fixedStats(scaling, features);
    }

    private static WindowStats fixedStats(Scaling scaling, int features) {
        if (Scaling.WINDOW_STANDARD.equals(scaling.scheme())) {
            return null;
        }
        if (!Scaling.FIXED_STANDARD.equals(scaling.scheme())) {
            throw new IllegalArgumentException("unknown scaling scheme '" + scaling.scheme() + "', expected '"
                    + Scaling.WINDOW_STANDARD + "' or '" + Scaling.FIXED_STANDARD + "'");
        }
        if (scaling.mean() == null || scaling.scale() == null || scaling.mean().size() != features
                || scaling.scale().size() != features) {
            throw new IllegalArgumentException(Scaling.FIXED_STANDARD + " scaling needs a fitted mean and scale for "
                    + "each of " + features + " features, found mean " + scaling.mean() + " and scale "
                    + scaling.scale());
        }
        double[] mean = new double[features];
        double[] scale = new double[features];
        for (int f = 0; f < features; f++) {
            mean[f] = scaling.mean().get(f);
            scale[f] = scaling.scale().get(f);
        }
        return new WindowStats(mean, scale);
    }

    /**
     * The statistics of one window: what {@link #scaleInto} subtracts and divides by. A fixed scheme returns the same
     * instance for every window; callers must not change its arrays.
     */
    public WindowStats stats(double[] raw, int offset) {
        if (fixed != null) {
            return fixed;
        }
        double[] mean = new double[features];
        double[] scale = new double[features];
        for (int f = 0; f < features; f++) {
            double sum = 0;
            for (int t = 0; t < windowSize; t++) {
                sum += raw[offset + t * features + f];
            }
            double m = sum / windowSize;
            double squares = 0;
            for (int t = 0; t < windowSize; t++) {
                double d = raw[offset + t * features + f] - m;
                squares += d * d;
            }
            double std = Math.sqrt(squares / windowSize);
            mean[f] = m;
            scale[f] = scaling.floored(std, m);
        }
        return new WindowStats(mean, scale);
    }

    /**
     * Scales the window at {@code raw[offset..]} into {@code out[outOffset..]} (same layout) and returns its stats.
     */
    public WindowStats scaleInto(double[] raw, int offset, float[] out, int outOffset) {
        WindowStats stats = stats(raw, offset);
        int n = windowSize * features;
        for (int i = 0; i < n; i++) {
            int f = i % features;
            out[outOffset + i] = (float) stats.scale(f, raw[offset + i]);
        }
        return stats;
    }

    public int windowSize() {
        return windowSize;
    }

    public int features() {
        return features;
    }
}
