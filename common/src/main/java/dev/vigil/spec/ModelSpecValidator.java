package dev.vigil.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.vigil.spec.InvalidModelSpecException.field;

/** The rules a {@link ModelSpec} must satisfy, checked in one place. */
final class ModelSpecValidator {

    private ModelSpecValidator() {
    }

    static void validate(ModelSpec spec) {
        if (spec.formatVersion() != ModelSpec.FORMAT_VERSION) {
            throw field("formatVersion", spec.formatVersion(), ModelSpec.FORMAT_VERSION
                    + " (this Vigil reads only that layout; use a matching Vigil version)");
        }
        requireUniqueNames("features", spec.features());
        requireUniqueNames("targets", spec.targets());
        for (String target : spec.targets()) {
            if (!spec.features().contains(target)) {
                throw field("targets", spec.targets(), "a subset of features " + spec.features()
                        + " ('" + target + "' is not a feature)");
            }
        }
        if (spec.windowSize() < 2) {
            throw field("windowSize", spec.windowSize(), "at least 2");
        }
        if (spec.horizon() < 1) {
            throw field("horizon", spec.horizon(), "at least 1");
        }
        if (spec.stepMillis() <= 0) {
            throw field("stepMillis", spec.stepMillis(), "a positive number of milliseconds");
        }
        validateScaling(spec.scaling(), spec.features().size());
        validateThresholds(spec.thresholds(), spec.horizon(), spec.targets().size());
        if (spec.provenance() == null) {
            throw field("provenance", null, "the model's provenance");
        }
    }

    private static void requireUniqueNames(String name, List<String> values) {
        if (values == null || values.isEmpty()) {
            throw field(name, values, "at least one name");
        }
        Set<String> seen = new HashSet<>();
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw field(name, values, "non-blank names");
            }
            if (!seen.add(value)) {
                throw field(name, values, "unique names ('" + value + "' appears twice)");
            }
        }
    }

    private static void validateScaling(Scaling scaling, int features) {
        if (scaling == null) {
            throw field("scaling", null, "a scaling scheme");
        }
        if (!(scaling.minScale() > 0) || !Double.isFinite(scaling.minScale())) {
            throw field("scaling.minScale", scaling.minScale(), "a positive finite number");
        }
        if (!(scaling.relativeMinScale() >= 0) || !Double.isFinite(scaling.relativeMinScale())) {
            throw field("scaling.relativeMinScale", scaling.relativeMinScale(), "a finite number >= 0");
        }
        if (Scaling.WINDOW_STANDARD.equals(scaling.scheme())) {
            if (scaling.mean() != null || scaling.scale() != null) {
                throw field("scaling.mean", scaling.mean(), "none: " + Scaling.WINDOW_STANDARD
                        + " scaling takes each window's own statistics");
            }
        } else if (Scaling.FIXED_STANDARD.equals(scaling.scheme())) {
            requireFeatureValues("scaling.mean", scaling.mean(), features, false);
            requireFeatureValues("scaling.scale", scaling.scale(), features, true);
        } else {
            throw field("scaling.scheme", scaling.scheme(), "'" + Scaling.WINDOW_STANDARD + "' or '"
                    + Scaling.FIXED_STANDARD + "'");
        }
    }

    private static void requireFeatureValues(String name, List<Double> values, int features, boolean positive) {
        String expected = features + (positive ? " positive" : "") + " finite numbers, one per feature";
        if (values == null || values.size() != features) {
            throw field(name, values, expected);
        }
        for (Double value : values) {
            if (value == null || !Double.isFinite(value) || (positive && !(value > 0))) {
                throw field(name, values, expected);
            }
        }
    }

    private static void validateThresholds(Thresholds thresholds, int horizon, int targets) {
        if (thresholds == null) {
            throw field("thresholds", null, "calibrated thresholds");
        }
        List<Double> quantiles = thresholds.quantiles();
        if (quantiles.isEmpty()) {
            throw field("thresholds.quantiles", quantiles, "at least one quantile");
        }
        for (int q = 0; q < quantiles.size(); q++) {
            double value = quantiles.get(q);
            if (!(value > 0 && value < 1) || (q > 0 && value <= quantiles.get(q - 1))) {
                throw field("thresholds.quantiles", quantiles, "ascending values in (0, 1)");
            }
        }
        double[][][] absError = thresholds.absError();
        String shape = "[" + quantiles.size() + "][" + horizon + "][" + targets + "] (quantiles x horizon x targets)";
        if (absError == null || absError.length != quantiles.size()) {
            throw field("thresholds.absError", absError == null ? null : "length " + absError.length, shape);
        }
        for (int q = 0; q < absError.length; q++) {
            if (absError[q] == null || absError[q].length != horizon) {
                throw field("thresholds.absError[" + q + "]", absError[q] == null ? null
                        : "length " + absError[q].length, shape);
            }
            for (int h = 0; h < horizon; h++) {
                double[] row = absError[q][h];
                if (row == null || row.length != targets) {
                    throw field("thresholds.absError[" + q + "][" + h + "]",
                            row == null ? null : "length " + row.length, shape);
                }
                for (int t = 0; t < targets; t++) {
                    if (!(row[t] >= 0) || !Double.isFinite(row[t])) {
                        throw field("thresholds.absError[" + q + "][" + h + "][" + t + "]", row[t],
                                "a finite number >= 0");
                    }
                }
            }
        }
    }
}
