package dev.vigil.scaling;

import dev.vigil.spec.Scaling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-window standard scaling, the one transform both trainer and streamer apply to a raw window. */
class WindowScalerTest {

    private static final int W = 32;
    private static final int F = 2;
    private static final WindowScaler SCALER = new WindowScaler(Scaling.defaults(), W, F);

    @Test
    void aScaledWindowHasMeanZeroAndStdOnePerFeature() {
        float[] out = scale(SCALER, randomWindow(7L, 50.0, 3.0));

        for (int f = 0; f < F; f++) {
            double mean = 0;
            for (int t = 0; t < W; t++) {
                mean += out[t * F + f];
            }
            mean /= W;
            double squares = 0;
            for (int t = 0; t < W; t++) {
                squares += (out[t * F + f] - mean) * (out[t * F + f] - mean);
            }
            assertEquals(0.0, mean, 1e-6, "mean of scaled feature " + f);
            assertEquals(1.0, Math.sqrt(squares / W), 1e-6, "population std of scaled feature " + f);
        }
    }

    @Test
    void scalingIgnoresTheSeriesMagnitude() {
        double[] x = randomWindow(11L, 2.0, 0.5);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 1000 * x[i] + 5;
        }

        float[] sx = scale(SCALER, x);
        float[] sy = scale(SCALER, y);

        for (int i = 0; i < sx.length; i++) {
            assertEquals(sx[i], sy[i], 1e-5, "x and 1000*x + 5 must scale alike at index " + i
                    + " (step " + i / F + ", feature " + i % F + "): one model serves every magnitude");
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.1, -3.7, 5.0, 1e9})
    void aConstantWindowScalesToZeroWithoutDividingByZero(double level) {
        double[] raw = new double[W * F];
        Arrays.fill(raw, level);

        float[] out = new float[W * F];
        WindowStats stats = SCALER.scaleInto(raw, 0, out, 0);

        double expectedScale = Math.max(Scaling.defaults().minScale(),
                Scaling.defaults().relativeMinScale() * Math.abs(level));
        for (int f = 0; f < F; f++) {
            assertEquals(expectedScale, stats.scale()[f], expectedScale * 1e-9,
                    "a constant window's divisor is the larger floor: max(minScale, relativeMinScale * |mean|)");
        }
        for (int i = 0; i < out.length; i++) {
            assertTrue(Float.isFinite(out[i]), "scaled value " + i + " of constant " + level + " is " + out[i]);
            assertEquals(0.0f, out[i], 1e-6f, "scaled value " + i + " of a constant window at " + level);
        }
    }

    @Test
    void theRelativeFloorKeepsTinyNoiseOnALargeLevelSmall() {
        double[] raw = new double[W * F];
        Random random = new Random(3L);
        for (int i = 0; i < raw.length; i++) {
            raw[i] = 1e6 + random.nextGaussian() * 1e-3;
        }

        float[] out = scale(SCALER, raw);

        for (int i = 0; i < out.length; i++) {
            assertTrue(Math.abs(out[i]) < 1e-4, "noise of 1e-3 on a level of 1e6 is divided by "
                    + "relativeMinScale * 1e6 = 1000, so it must stay tiny; index " + i + " was " + out[i]);
        }
    }

    @Test
    void theLayoutIsRowMajorStepsByFeatures() {
        double[] raw = new double[W * F];
        for (int t = 0; t < W; t++) {
            raw[t * F] = t;
            raw[t * F + 1] = 100 - 10.0 * t;
        }

        WindowStats stats = SCALER.stats(raw, 0);
        float[] out = scale(SCALER, raw);

        assertEquals((W - 1) / 2.0, stats.mean()[0], 1e-12, "feature 0 is raw[t * F + 0]: 0, 1, ..., W-1");
        assertEquals(100 - 10.0 * (W - 1) / 2.0, stats.mean()[1], 1e-12, "feature 1 is raw[t * F + 1]");
        assertEquals(10 * stats.scale()[0], stats.scale()[1], 1e-9, "feature 1 varies ten times as much");
        for (int t = 0; t < W; t++) {
            assertEquals(-out[t * F], out[t * F + 1], 1e-6,
                    "feature 1 falls as feature 0 rises, so their scaled values mirror at step " + t);
        }
    }

    @Test
    void offsetsSelectTheWindowAndWhereItIsWritten() {
        double[] window = randomWindow(5L, 10.0, 2.0);
        double[] raw = new double[7 + window.length + 3];
        Arrays.fill(raw, 1e12);
        System.arraycopy(window, 0, raw, 7, window.length);
        float[] out = new float[4 + window.length + 2];
        Arrays.fill(out, -42f);

        WindowStats stats = SCALER.scaleInto(raw, 7, out, 4);

        assertArrayEquals(SCALER.stats(window, 0).mean(), stats.mean(), 1e-12,
                "stats must come from raw[7..], not from the values around it");
        assertArrayEquals(scale(SCALER, window), Arrays.copyOfRange(out, 4, 4 + window.length), 0f,
                "the window must be written at out[4..] exactly as without offsets");
        for (int i : new int[] {0, 1, 2, 3, out.length - 2, out.length - 1}) {
            assertEquals(-42f, out[i], "out[" + i + "] lies outside the window and must be left alone");
        }
    }

    @Test
    void scaleIntoReturnsTheStatsItApplied() {
        double[] raw = randomWindow(9L, -4.0, 1.0);
        float[] out = new float[W * F];

        WindowStats stats = SCALER.scaleInto(raw, 0, out, 0);

        for (int i = 0; i < raw.length; i++) {
            assertEquals((float) stats.scale(i % F, raw[i]), out[i], "out[" + i + "] must be stats.scale(f, raw)");
        }
    }

    @Test
    void theShapeIsReported() {
        assertEquals(W, SCALER.windowSize(), "windowSize");
        assertEquals(F, SCALER.features(), "features");
    }

    @Test
    void anUnknownSchemeIsRefused() {
        Scaling minMax = new Scaling("min-max", 1e-6, 1e-3);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WindowScaler(minMax, W, F), "a scaler for an unknown scheme");
        assertEquals("unknown scaling scheme 'min-max', expected 'window-standard' or 'fixed-standard'",
                e.getMessage(), "the message must name the scheme found and the ones expected");
    }

    @Test
    void aFixedSchemeScalesEveryWindowWithTheFittedStatistics() {
        Scaling fixed = new Scaling(Scaling.FIXED_STANDARD, 1e-6, 1e-3, List.of(10.0, -2.0), List.of(4.0, 0.5));
        WindowScaler scaler = new WindowScaler(fixed, W, F);
        double[] quiet = randomWindow(13L, 10.0, 0.01);
        double[] shifted = randomWindow(17L, 30.0, 3.0);

        float[] out = new float[W * F];
        WindowStats stats = scaler.scaleInto(shifted, 0, out, 0);

        assertArrayEquals(new double[] {10.0, -2.0}, stats.mean(), 0.0, "the fitted means, not the window's");
        assertArrayEquals(new double[] {4.0, 0.5}, stats.scale(), 0.0, "the fitted scales, not the window's");
        assertArrayEquals(stats.mean(), scaler.stats(quiet, 0).mean(), 0.0, "every window gets the same stats");
        for (int t = 0; t < W; t++) {
            assertEquals((shifted[t * F] - 10.0) / 4.0, out[t * F], 1e-5, "feature 0 at step " + t);
            assertEquals((shifted[t * F + 1] + 2.0) / 0.5, out[t * F + 1], 1e-4, "feature 1 at step " + t);
        }
        assertTrue(scale(scaler, shifted)[0] > scale(scaler, quiet)[0] + 4,
                "a window at three times the level must scale to clearly higher values: the level is kept");
    }

    @Test
    void aFixedSchemeWithoutFittedStatisticsIsRefused() {
        Scaling unfitted = new Scaling(Scaling.FIXED_STANDARD, 1e-6, 1e-3);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WindowScaler(unfitted, W, F), "a fixed scaler with nothing fitted");
        assertTrue(e.getMessage().contains("needs a fitted mean and scale for each of 2 features"),
                "the message must say what is missing; was <" + e.getMessage() + ">");
    }

    @Test
    void fittingAppliesTheFloorsToTheSpread() {
        Scaling fitted = new Scaling(Scaling.FIXED_STANDARD, 0.05, 1e-3)
                .fitted(new double[] {0.2, 1000.0}, new double[] {0.0, 0.5});

        assertEquals(List.of(0.2, 1000.0), fitted.mean(), "the means are kept as given");
        assertEquals(List.of(0.05, 1.0), fitted.scale(),
                "a flat feature's scale is minScale; a large level's at least relativeMinScale * |mean|");
    }

    private static float[] scale(WindowScaler scaler, double[] raw) {
        float[] out = new float[scaler.windowSize() * scaler.features()];
        scaler.scaleInto(raw, 0, out, 0);
        return out;
    }

    /** Feature f is {@code level * (f + 1)} plus Gaussian noise of {@code spread * (f + 1)}. */
    private static double[] randomWindow(long seed, double level, double spread) {
        Random random = new Random(seed);
        double[] raw = new double[W * F];
        for (int t = 0; t < W; t++) {
            for (int f = 0; f < F; f++) {
                raw[t * F + f] = level * (f + 1) + random.nextGaussian() * spread * (f + 1);
            }
        }
        return raw;
    }
}
