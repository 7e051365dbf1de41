package dev.vigil.streamer.state;

import dev.vigil.scaling.WindowScaler;
import dev.vigil.scaling.WindowStats;
import dev.vigil.spec.Scaling;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesStateTest {

    private static final int W = 5;
    private static final int F = 2;

    @Test
    void windowStatsOfAWrappedRingEqualThoseOfTheWindowInTimeOrder() {
        SeriesState state = new SeriesState(W, F, 1, 1, 4);
        for (int i = 0; i < 8; i++) { // 3 steps past full: the ring's head is mid-array
            state.append(1000L * i, new double[] {i * i, 10 - 3 * i}, false);
        }
        WindowScaler scaler = new WindowScaler(Scaling.defaults(), W, F);
        double[] ordered = new double[W * F];
        state.copyWindow(ordered, 0);

        WindowStats expected = scaler.stats(ordered, 0);
        WindowStats actual = state.windowStats(scaler);

        for (int f = 0; f < F; f++) {
            assertEquals(expected.mean()[f], actual.mean()[f], 1e-12, "mean of feature " + f);
            assertEquals(expected.scale()[f], actual.scale()[f], 1e-12, "scale of feature " + f);
        }
        assertEquals((9 + 16 + 25 + 36 + 49) / 5.0, actual.mean()[0], 1e-12, "the last 5 steps only");
    }

    @Test
    void windowStatsOfAWindowStillFillingAreRefused() {
        SeriesState state = new SeriesState(W, F, 1, 1, 4);
        state.append(0, new double[] {1, 2}, false);
        var e = assertThrows(IllegalStateException.class,
                () -> state.windowStats(new WindowScaler(Scaling.defaults(), W, F)));
        assertTrue(e.getMessage().contains("1 of 5"), "names how full the window is: " + e.getMessage());
    }
}
