package dev.vigil.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.vigil.spec.ModelSpecFixtures.QUANTILES;
import static dev.vigil.spec.ModelSpecFixtures.absError;
import static dev.vigil.spec.ModelSpecValidateTest.assertRefused;

/**
 * {@link ModelSpec#validate()} on the thresholds: quantiles ascending in (0, 1), and {@code absError} shaped
 * {@code [quantiles][horizon][targets]} with finite, non-negative cells. The fixture has 3 quantiles, H = 3, T = 2.
 */
class ModelSpecThresholdsValidateTest {

    private static final String SHAPE = "expected [3][3][2] (quantiles x horizon x targets)";

    @Test
    void missingThresholdsAreRefused() {
        assertRefused(ModelSpecFixtures.builder().thresholds(null),
                "'thresholds': found null, expected calibrated thresholds");
    }

    @Test
    void noQuantilesAreRefused() {
        assertRefused(ModelSpecFixtures.builder().thresholds(List.of(), new double[0][][]),
                "'thresholds.quantiles': found [], expected at least one quantile");
    }

    @Test
    void descendingQuantilesAreRefused() {
        assertRefused(ModelSpecFixtures.builder().thresholds(List.of(0.99, 0.95, 0.999), absError(3, 3, 2)),
                "'thresholds.quantiles': found [0.99, 0.95, 0.999], expected ascending values in (0, 1)");
    }

    @Test
    void repeatedQuantilesAreRefused() {
        assertRefused(ModelSpecFixtures.builder().thresholds(List.of(0.95, 0.95, 0.999), absError(3, 3, 2)),
                "'thresholds.quantiles': found [0.95, 0.95, 0.999], expected ascending values in (0, 1)");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, 1.5, -0.5, Double.NaN})
    void aQuantileOutsideTheOpenUnitIntervalIsRefused(double quantile) {
        assertRefused(ModelSpecFixtures.builder().thresholds(List.of(quantile), absError(1, 3, 2)),
                "'thresholds.quantiles': found [" + quantile + "], expected ascending values in (0, 1)");
    }

    @Test
    void missingAbsErrorIsRefused() {
        assertRefused(ModelSpecFixtures.builder().thresholds(QUANTILES, null),
                "'thresholds.absError': found null, " + SHAPE);
    }

    @Test
    void fewerQuantileRowsThanQuantilesAreRefused() {
        assertRefused(ModelSpecFixtures.builder().thresholds(QUANTILES, absError(2, 3, 2)),
                "'thresholds.absError': found length 2, " + SHAPE);
    }

    @Test
    void aHorizonLengthOtherThanTheSpecsIsRefused() {
        assertRefused(ModelSpecFixtures.builder().thresholds(QUANTILES, absError(3, 4, 2)),
                "'thresholds.absError[0]': found length 4, " + SHAPE);
    }

    @Test
    void aTargetCountOtherThanTheSpecsIsRefused() {
        assertRefused(ModelSpecFixtures.builder().thresholds(QUANTILES, absError(3, 3, 1)),
                "'thresholds.absError[0][0]': found length 1, " + SHAPE);
    }

    @Test
    void aRaggedRowDeepInsideIsNamedByItsIndices() {
        double[][][] ragged = absError(3, 3, 2);
        ragged[2][1] = new double[] {1.0, 2.0, 3.0};

        assertRefused(ModelSpecFixtures.builder().thresholds(QUANTILES, ragged),
                "'thresholds.absError[2][1]': found length 3, " + SHAPE);
    }

    @Test
    void aNullHorizonRowIsRefused() {
        double[][][] holes = absError(3, 3, 2);
        holes[1] = null;

        assertRefused(ModelSpecFixtures.builder().thresholds(QUANTILES, holes),
                "'thresholds.absError[1]': found null, " + SHAPE);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.5, Double.NaN, Double.POSITIVE_INFINITY})
    void aNegativeOrNonFiniteThresholdIsRefusedAtItsCell(double value) {
        double[][][] a = absError(3, 3, 2);
        a[1][2][1] = value;

        assertRefused(ModelSpecFixtures.builder().thresholds(QUANTILES, a),
                "'thresholds.absError[1][2][1]': found " + value + ", expected a finite number >= 0");
    }

    @Test
    void aZeroThresholdIsAllowed() {
        double[][][] a = absError(3, 3, 2);
        a[0][0][0] = 0.0;

        ModelSpecFixtures.builder().thresholds(QUANTILES, a).build().validate();
    }
}
