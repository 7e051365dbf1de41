package dev.vigil.backtest;

import dev.vigil.streamer.metrics.StreamerMetrics;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/** Counts the forecasts a backtest made, by how (see {@link StreamerMetrics#forecasts}): what stateful mode saved. */
final class ForecastTally implements StreamerMetrics {

    private final LongAdder window = new LongAdder();
    private final LongAdder derived = new LongAdder();
    private final LongAdder stepped = new LongAdder();

    @Override
    public void forecasts(String how, int count) {
        switch (how) {
            case StreamerMetrics.WINDOW -> window.add(count);
            case StreamerMetrics.DERIVED -> derived.add(count);
            case StreamerMetrics.STEPPED -> stepped.add(count);
            default -> throw new IllegalArgumentException("forecast kind '" + how + "': expected window, derived "
                    + "or stepped");
        }
    }

    /** One line: every kind's count and, when stateful, the share of forecasts that re-ran the whole window. */
    String describe() {
        long all = window.sum() + derived.sum() + stepped.sum();
        if (window.sum() > 0 || all == 0) {
            return String.format(Locale.ROOT, "Forecasts: %,d, each over the whole window (window mode)", all);
        }
        return String.format(Locale.ROOT, "Forecasts: %,d stepped from the carried LSTM state, %,d derived from the "
                + "whole window (%.1f%%)", stepped.sum(), derived.sum(), 100.0 * derived.sum() / all);
    }
}
