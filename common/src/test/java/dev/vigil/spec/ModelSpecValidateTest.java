package dev.vigil.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ModelSpec#validate()} on everything but the thresholds (see {@link ModelSpecThresholdsValidateTest}): each
 * rule is refused with a message naming the field, the value found and what was expected.
 */
class ModelSpecValidateTest {

    @Test
    void aValidSpecPassesAndIsReturned() {
        ModelSpec spec = ModelSpecFixtures.valid();

        assertSame(spec, spec.validate(), "validate() returns the spec itself so calls can be chained");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 99})
    void anotherFormatVersionIsRefused(int version) {
        assertRefused(ModelSpecFixtures.builder().formatVersion(version),
                "'formatVersion': found " + version + ", expected 1", "use a matching Vigil version");
    }

    @Test
    void emptyFeaturesAreRefused() {
        assertRefused(ModelSpecFixtures.builder().features(List.of()),
                "'features': found [], expected at least one name");
    }

    @Test
    void duplicateFeaturesAreRefused() {
        assertRefused(ModelSpecFixtures.builder().features(List.of("cpu", "latency", "cpu")),
                "'features': found [cpu, latency, cpu], expected unique names ('cpu' appears twice)");
    }

    @Test
    void blankFeatureNamesAreRefused() {
        assertRefused(ModelSpecFixtures.builder().features(List.of("cpu", " ", "latency")),
                "'features': found [cpu,  , latency], expected non-blank names");
    }

    @Test
    void emptyTargetsAreRefused() {
        assertRefused(ModelSpecFixtures.builder().targets(List.of()),
                "'targets': found [], expected at least one name");
    }

    @Test
    void duplicateTargetsAreRefused() {
        assertRefused(ModelSpecFixtures.builder().targets(List.of("cpu", "cpu")),
                "'targets': found [cpu, cpu], expected unique names ('cpu' appears twice)");
    }

    @Test
    void aTargetThatIsNotAFeatureIsRefused() {
        assertRefused(ModelSpecFixtures.builder().targets(List.of("cpu", "disk")),
                "'targets': found [cpu, disk], expected a subset of features [cpu, mem, latency]",
                "'disk' is not a feature");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 0, -16})
    void aWindowOfFewerThanTwoStepsIsRefused(int windowSize) {
        assertRefused(ModelSpecFixtures.builder().windowSize(windowSize),
                "'windowSize': found " + windowSize + ", expected at least 2");
    }

    @Test
    void aWindowOfTwoStepsIsEnough() {
        ModelSpecFixtures.builder().windowSize(2).build().validate();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void aHorizonBelowOneIsRefused(int horizon) {
        assertRefused(ModelSpecFixtures.builder().horizon(horizon),
                "'horizon': found " + horizon + ", expected at least 1");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -60_000})
    void aNonPositiveStepIsRefused(long stepMillis) {
        assertRefused(ModelSpecFixtures.builder().stepMillis(stepMillis),
                "'stepMillis': found " + stepMillis + ", expected a positive number of milliseconds");
    }

    @Test
    void missingScalingIsRefused() {
        assertRefused(ModelSpecFixtures.builder().scaling(null), "'scaling': found null, expected a scaling scheme");
    }

    @Test
    void anUnknownScalingSchemeIsRefused() {
        assertRefused(ModelSpecFixtures.builder().scaling(new Scaling("min-max", 1e-6, 1e-3)),
                "'scaling.scheme': found min-max, expected 'window-standard' or 'fixed-standard'");
    }

    @Test
    void aFittedFixedScalingPasses() {
        int features = ModelSpecFixtures.FEATURES.size();
        ModelSpecFixtures.builder().scaling(fixed(features, 0.5, 2.0)).build().validate();
    }

    @Test
    void aFixedScalingWithoutItsStatisticsIsRefused() {
        assertRefused(ModelSpecFixtures.builder().scaling(new Scaling(Scaling.FIXED_STANDARD, 1e-6, 1e-3)),
                "'scaling.mean': found null, expected " + ModelSpecFixtures.FEATURES.size()
                        + " finite numbers, one per feature");
    }

    @Test
    void aFixedScalingWithOneValueTooFewIsRefused() {
        int features = ModelSpecFixtures.FEATURES.size();
        assertRefused(ModelSpecFixtures.builder().scaling(fixed(features - 1, 0.5, 2.0)), "'scaling.mean'",
                "expected " + features + " finite numbers, one per feature");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN})
    void aFixedScalingWithANonPositiveScaleIsRefused(double scale) {
        int features = ModelSpecFixtures.FEATURES.size();
        assertRefused(ModelSpecFixtures.builder().scaling(fixed(features, 0.5, scale)), "'scaling.scale'",
                "expected " + features + " positive finite numbers, one per feature");
    }

    @Test
    void aWindowScalingWithStatisticsIsRefused() {
        Scaling scaling = new Scaling(Scaling.WINDOW_STANDARD, 1e-6, 1e-3, List.of(0.0), List.of(1.0));
        assertRefused(ModelSpecFixtures.builder().scaling(scaling), "'scaling.mean'",
                "window-standard scaling takes each window's own statistics");
    }

    private static Scaling fixed(int features, double mean, double scale) {
        return new Scaling(Scaling.FIXED_STANDARD, 1e-6, 1e-3, Collections.nCopies(features, mean),
                Collections.nCopies(features, scale));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1e-6, Double.NaN, Double.POSITIVE_INFINITY})
    void aNonPositiveOrNonFiniteMinScaleIsRefused(double minScale) {
        assertRefused(ModelSpecFixtures.builder().scaling(new Scaling(Scaling.WINDOW_STANDARD, minScale, 1e-3)),
                "'scaling.minScale': found " + minScale + ", expected a positive finite number");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.001, Double.NaN, Double.POSITIVE_INFINITY})
    void aNegativeOrNonFiniteRelativeMinScaleIsRefused(double relative) {
        assertRefused(ModelSpecFixtures.builder().scaling(new Scaling(Scaling.WINDOW_STANDARD, 1e-6, relative)),
                "'scaling.relativeMinScale': found " + relative + ", expected a finite number >= 0");
    }

    @Test
    void aZeroRelativeMinScaleIsAllowed() {
        ModelSpecFixtures.builder().scaling(new Scaling(Scaling.WINDOW_STANDARD, 1e-6, 0.0)).build().validate();
    }

    @Test
    void missingProvenanceIsRefused() {
        assertRefused(ModelSpecFixtures.builder().provenance(null),
                "'provenance': found null, expected the model's provenance");
    }

    /** Asserts that validation fails and that the message holds each of {@code parts}. */
    static void assertRefused(ModelSpecFixtures.Builder builder, String... parts) {
        ModelSpec spec = builder.build();
        InvalidModelSpecException e = assertThrows(InvalidModelSpecException.class, spec::validate,
                "validate() must refuse a spec expected to break: " + String.join(" / ", parts));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part),
                    "message must contain <" + part + ">; was <" + e.getMessage() + ">");
        }
        assertTrue(e.getMessage().startsWith("model spec field '"),
                "message must start by naming the field; was <" + e.getMessage() + ">");
    }
}
