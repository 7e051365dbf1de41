package dev.vigil.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * How a window is scaled before inference and the forecast unscaled after. Two schemes:
 * <ul>
 *   <li>{@value #WINDOW_STANDARD} (the default): every feature of a window is centred on the window's own mean and
 *   divided by {@code max(std, minScale, relativeMinScale * |mean|)}. Because each window carries its own
 *   statistics, one model serves series of any magnitude, including series never seen in training; but the model
 *   never sees a series' level, only its shape within the window.</li>
 *   <li>{@value #FIXED_STANDARD}: every window is centred on {@link #mean()} and divided by {@link #scale()}, per
 *   feature, fitted once on the training data (the scale with the same floors). The model sees absolute levels, so
 *   it can tell a level the series usually only passes through from one it holds; it suits a model trained for one
 *   series, or for series in the same units.</li>
 * </ul>
 *
 * @param scheme           the scheme's name
 * @param minScale         absolute floor of the divisor, so constant windows do not divide by zero
 * @param relativeMinScale floor of the divisor relative to the mean, so near-constant large series are not blown up
 *                         by tiny noise
 * @param mean             {@value #FIXED_STANDARD} only: the centre of each feature, in feature order; null otherwise
 * @param scale            {@value #FIXED_STANDARD} only: the divisor of each feature, in feature order; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Scaling(String scheme, double minScale, double relativeMinScale, List<Double> mean,
                      List<Double> scale) {

    public static final String WINDOW_STANDARD = "window-standard";
    public static final String FIXED_STANDARD = "fixed-standard";

    public Scaling {
        mean = mean == null ? null : List.copyOf(mean);
        scale = scale == null ? null : List.copyOf(scale);
    }

    /** A scheme without fitted statistics: {@value #WINDOW_STANDARD}, or {@value #FIXED_STANDARD} still to fit. */
    public Scaling(String scheme, double minScale, double relativeMinScale) {
        this(scheme, minScale, relativeMinScale, null, null);
    }

    /** The scheme new models are trained with. */
    public static Scaling defaults() {
        return new Scaling(WINDOW_STANDARD, 1e-6, 1e-3);
    }

    /** The divisor for a spread {@code std} around {@code mean}, never below the floors. */
    public double floored(double std, double mean) {
        return Math.max(std, Math.max(minScale, relativeMinScale * Math.abs(mean)));
    }

    /** This fixed scheme with its statistics fitted; the floors are applied to {@code std}. */
    public Scaling fitted(double[] featureMeans, double[] featureStds) {
        if (!FIXED_STANDARD.equals(scheme)) {
            throw new IllegalStateException("only " + FIXED_STANDARD + " scaling is fitted, not " + scheme);
        }
        Double[] means = new Double[featureMeans.length];
        Double[] scales = new Double[featureMeans.length];
        for (int f = 0; f < featureMeans.length; f++) {
            means[f] = featureMeans[f];
            scales[f] = floored(featureStds[f], featureMeans[f]);
        }
        return new Scaling(scheme, minScale, relativeMinScale, List.of(means), List.of(scales));
    }
}
