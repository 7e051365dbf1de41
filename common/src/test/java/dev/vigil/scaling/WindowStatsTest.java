package dev.vigil.scaling;

import dev.vigil.spec.Scaling;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A window's per-feature mean and divisor: scaling into model units and back. */
class WindowStatsTest {

    private static final WindowStats STATS = new WindowStats(new double[] {10.0, -2.0, 0.0}, new double[] {4.0, 0.5,
            1e-6});

    @Test
    void scaleSubtractsTheMeanAndDividesByTheScale() {
        assertEquals(0.5, STATS.scale(0, 12.0), 1e-12, "(12 - 10) / 4");
        assertEquals(-2.0, STATS.scale(1, -3.0), 1e-12, "(-3 - -2) / 0.5");
        assertEquals(3.0, STATS.scale(2, 3e-6), 1e-6, "(3e-6 - 0) / 1e-6");
    }

    @Test
    void unscaleMultipliesByTheScaleAndAddsTheMean() {
        assertEquals(12.0, STATS.unscale(0, 0.5), 1e-12, "0.5 * 4 + 10");
        assertEquals(-3.0, STATS.unscale(1, -2.0), 1e-12, "-2 * 0.5 + -2");
    }

    @Test
    void unscaleUndoesScale() {
        Random random = new Random(1L);
        for (int i = 0; i < 1_000; i++) {
            int f = i % 3;
            double x = random.nextGaussian() * 1e3;
            assertEquals(x, STATS.unscale(f, STATS.scale(f, x)), Math.abs(x) * 1e-12 + 1e-12,
                    "unscale(scale(" + x + ")) for feature " + f);
        }
    }

    @Test
    void aForecastInScaledUnitsReturnsToTheWindowsMagnitude() {
        int w = 8;
        double[] raw = new double[w];
        for (int t = 0; t < w; t++) {
            raw[t] = 5_000 + 100 * t;
        }
        WindowScaler scaler = new WindowScaler(Scaling.defaults(), w, 1);
        float[] scaled = new float[w];
        WindowStats stats = scaler.scaleInto(raw, 0, scaled, 0);

        for (int t = 0; t < w; t++) {
            assertEquals(raw[t], stats.unscale(0, scaled[t]), 1e-6 * raw[t],
                    "unscale of the float model input at step " + t + " (float precision only)");
        }
    }
}
