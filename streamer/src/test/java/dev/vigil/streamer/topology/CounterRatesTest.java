package dev.vigil.streamer.topology;

import dev.vigil.streamer.state.SeriesState;
import dev.vigil.streamer.state.SeriesStateCodec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CounterRatesTest {

    final SeriesStateCodec codec = new SeriesStateCodec(4, 2, 3, 1, 8);
    final boolean[] firstIsCounter = {true, false};

    @Test
    void firstPointPrimesThenRatesArePerSecond() {
        SeriesState state = codec.fresh();
        double[] first = {1000, 0.5};
        assertFalse(CounterRates.apply(state, 10_000, first, firstIsCounter), "the first point only primes");

        double[] second = {1600, 0.7};
        assertTrue(CounterRates.apply(state, 70_000, second, firstIsCounter));
        assertArrayEquals(new double[] {10.0, 0.7}, second, 1e-12, "600 over 60 s = 10/s; gauges untouched");
    }

    @Test
    void aDecreaseIsAResetCountedFromZero() {
        SeriesState state = codec.fresh();
        CounterRates.apply(state, 0, new double[] {5000, 0}, firstIsCounter);
        double[] afterReset = {120, 0};
        CounterRates.apply(state, 60_000, afterReset, firstIsCounter);
        assertEquals(2.0, afterReset[0], 1e-12, "120 since the reset over 60 s");
    }

    @Test
    void counterHistorySurvivesTheStateStore() {
        SeriesState state = codec.fresh();
        CounterRates.apply(state, 0, new double[] {100, 0}, firstIsCounter);
        SeriesState restored = codec.decode(codec.encode(state));
        assertEquals(0, restored.counterTs());
        double[] next = {160, 0};
        assertTrue(CounterRates.apply(restored, 30_000, next, firstIsCounter));
        assertEquals(2.0, next[0], 1e-12);
        assertEquals(30_000, restored.latestTs(), "a primed point counts as seen, for duplicate detection");
    }
}
