package dev.vigil.streamer.topology;

import dev.vigil.streamer.state.SeriesState;

/**
 * Turns monotonic counter features into per-second rates, per series: {@code (v - v_prev) / dt}; a value below the
 * previous one is a counter reset, and that step's rate is {@code v / dt} (counted from zero). The first point of a
 * counter only primes it.
 */
final class CounterRates {

    private CounterRates() {
    }

    /**
     * Replaces the counter features of {@code values} by their rates since the series' previous point and remembers
     * the raw values. Returns false when the point only primed the counters (no previous value to rate against).
     */
    static boolean apply(SeriesState state, long ts, double[] values, boolean[] counter) {
        double[] raw = values.clone();
        boolean primed = state.counterTs() != SeriesState.NONE;
        double seconds = primed ? (ts - state.counterTs()) / 1000.0 : 0;
        if (primed) {
            for (int f = 0; f < values.length; f++) {
                if (counter[f]) {
                    double previous = state.counterRaw(f);
                    double increase = Double.isNaN(previous) || raw[f] < previous ? raw[f] : raw[f] - previous;
                    values[f] = increase / seconds;
                }
            }
        }
        state.counters(ts, raw);
        return primed;
    }
}
