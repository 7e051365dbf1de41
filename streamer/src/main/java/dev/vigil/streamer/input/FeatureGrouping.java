package dev.vigil.streamer.input;

import dev.vigil.streamer.NamedChoice;

/**
 * How the several fields of a Telegraf or line-protocol measurement become series; {@link #id()} is the value of
 * {@code vigil.input.features}. Prometheus and OTLP metrics carry one value each and are not affected.
 */
public enum FeatureGrouping implements NamedChoice {

    /** Each field is its own univariate series: metric name {@code <measurement>_<field>}, feature {@code value}. */
    FIELD,
    /** One multivariate series per measurement and tag set: metric name {@code <measurement>}, features = fields. */
    MEASUREMENT;

    /**
     * Parses a configured name, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the accepted values and the one found
     */
    public static FeatureGrouping parse(String value) {
        return NamedChoice.parse(FeatureGrouping.class, "feature grouping", value);
    }
}
