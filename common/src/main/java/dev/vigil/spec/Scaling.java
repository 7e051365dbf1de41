package dev.vigil.spec;

/**
 * The per-window scaling scheme. {@value #WINDOW_STANDARD}: every feature of a window is centred on the window's
 * own mean and divided by {@code max(std, minScale, relativeMinScale * |mean|)}. Because each window carries its
 * own statistics, one model serves series of any magnitude, including series never seen in training.
 *
 * @param scheme           the scheme's name; only {@value #WINDOW_STANDARD} exists today
 * @param minScale         absolute floor of the divisor, so constant windows do not divide by zero
 * @param relativeMinScale floor of the divisor relative to the window mean, so near-constant large series are not
 *                         blown up by tiny noise
 */
public record Scaling(String scheme, double minScale, double relativeMinScale) {

    public static final String WINDOW_STANDARD = "window-standard";

    /** The scheme new models are trained with. */
    public static Scaling defaults() {
        return new Scaling(WINDOW_STANDARD, 1e-6, 1e-3);
    }
}
