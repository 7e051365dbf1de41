package dev.vigil.trainer.eval;

import dev.vigil.spec.Thresholds;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ThresholdCalibratorTest {

    @Test
    void quantilesOfAbsoluteResidualsPerStepAndTarget() {
        int n = 101;
        float[] forecast = new float[n * 2];
        float[] labels = new float[n * 2];
        for (int i = 0; i < n; i++) {
            // step 0: residual i (sign alternates); step 1: residual 10 * i
            labels[i * 2] = (i % 2 == 0 ? 1 : -1) * i;
            labels[i * 2 + 1] = 10f * i;
        }
        Thresholds t = ThresholdCalibrator.calibrate(forecast, labels, n, 2, 1, List.of(0.5, 0.99));
        assertEquals(50, t.at(0, 0, 0), 1e-9, "median of |0..100|");
        assertEquals(99, t.at(1, 0, 0), 1e-9, "0.99 quantile of |0..100|");
        assertEquals(990, t.at(1, 1, 0), 1e-9, "second horizon step has its own threshold");
        assertEquals(n, t.samples());
    }

    @Test
    void quantileInterpolatesBetweenRanks() {
        assertEquals(2.5, ThresholdCalibrator.quantile(new double[] {1, 2, 3, 4}, 0.5), 1e-12);
        assertEquals(4, ThresholdCalibrator.quantile(new double[] {1, 2, 3, 4}, 1.0), 1e-12);
    }
}
