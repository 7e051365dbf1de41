package dev.vigil.streamer.topology;

import dev.vigil.streamer.state.SeriesState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event time on the model's step grid: aligning jittered timestamps, filling short gaps, restarting the warm-up
 * after long ones, and finding which step of a forecast path covers a timestamp.
 */
final class SeriesTimeline {

    private static final Logger LOG = LoggerFactory.getLogger(SeriesTimeline.class);

    private final long step;
    private final int horizon;
    private final int gapFillMaxSteps;

    SeriesTimeline(long step, int horizon, int gapFillMaxSteps) {
        this.step = step;
        this.horizon = horizon;
        this.gapFillMaxSteps = gapFillMaxSteps;
    }

    /** The grid step nearest to {@code tsMillis}: jitter under half a step is absorbed. */
    long align(long tsMillis) {
        return Math.floorDiv(tsMillis + step / 2, step) * step;
    }

    /**
     * Fills a short gap before {@code ts} by linear interpolation (filled steps are marked and never scored), or
     * restarts the warm-up after a long one; returns how many steps were filled.
     */
    int fillGap(String series, SeriesState state, long ts, double[] values) {
        if (state.lastTs() == SeriesState.NONE) {
            return 0;
        }
        long missing = (ts - state.lastTs()) / step - 1;
        if (missing <= 0) {
            return 0;
        }
        if (missing > gapFillMaxSteps) {
            LOG.debug("series '{}': gap of {} steps before {}; restarting its warm-up", series, missing, ts);
            state.restartWarmUp();
            return 0;
        }
        double[] last = state.lastValues();
        double[] fill = new double[values.length];
        for (int k = 1; k <= missing; k++) {
            double fraction = (double) k / (missing + 1);
            for (int f = 0; f < fill.length; f++) {
                fill[f] = last[f] + (values[f] - last[f]) * fraction;
            }
            state.append(state.lastTs() + step, fill, true);
        }
        return (int) missing;
    }

    /** Index of {@code ts} in the series' forecast path, or -1 when no forecast covers it. */
    int horizonStep(SeriesState state, long ts) {
        if (state.forecastOrigin() == SeriesState.NONE) {
            return -1;
        }
        long h = (ts - state.forecastOrigin()) / step - 1;
        return h >= 0 && h < horizon ? (int) h : -1;
    }
}
