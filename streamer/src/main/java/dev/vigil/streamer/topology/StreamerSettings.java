package dev.vigil.streamer.topology;

import dev.vigil.streamer.inference.InferenceMode;
import dev.vigil.streamer.scoring.ThresholdWarmUp;

import java.util.Objects;

/**
 * Everything the topology is built from, as plain values: {@code VigilConfig} produces it from the declared
 * configuration keys, tests construct it directly.
 *
 * @param inputTopic             the metrics topic
 * @param scoresTopic            one record per input point
 * @param forecastsTopic         the H-step forecast path per series and batch
 * @param anomaliesTopic         anomaly lifecycle events
 * @param deadLetterTopic        bad records, value unchanged, the reason in headers
 * @param batchMaxSize           forecasts computed in one inference call at most
 * @param batchMaxLingerMs       longest a series waits for its next forecast
 * @param gapFillMaxSteps        missing steps up to this many are filled by linear interpolation; a longer gap
 *                               restarts the series' warm-up
 * @param thresholdQuantile      which of the model's calibrated quantiles is the starting threshold
 * @param smoothingAlpha         weight of the newest error in the exponentially smoothed error
 * @param errorHistory           smoothed errors kept per series for the dynamic threshold
 * @param minErrorHistory        smoothed errors needed before the threshold adapts to the series
 * @param minThresholdFraction   the adapted threshold never falls below this fraction of the calibrated one
 * @param openAfterSteps         consecutive anomalous steps before an anomaly opens
 * @param resolveAfterQuietSteps consecutive normal steps before an open anomaly resolves
 * @param maxLabels              labels kept per series (more are dropped, and counted)
 * @param maxFutureMs            a point more than this far ahead of the wall clock is dead-lettered: one bad clock
 *                               must not push a series' time so far ahead that its real points all look late
 * @param thresholdMargin        a point is anomalous only if its smoothed error also exceeds, by this fraction, the
 *                               largest error in the series' history that stayed below the threshold: the streaming
 *                               form of Hundman et al.'s pruning, so an error merely at the top of the usual range
 *                               does not alert
 * @param thresholdMin           the threshold never falls below this, in error units
 * @param rawErrors              errors in the series' own units instead of window standard deviations: the window's
 *                               spread grows during an incident and would shrink the incident's own errors; the
 *                               per-series dynamic threshold makes raw errors comparable across series anyway
 * @param inferenceMode          stateful (one LSTM step per record from the stored state), window (the whole window
 *                               per forecast), or auto (stateful when the model supports it)
 * @param stateRefreshSteps      in stateful mode, a series' state is re-derived from its window after at most this
 *                               many steps (fewer by a per-series offset of up to a quarter, so series spread the
 *                               work); 0 means the model's window size
 * @param stateMaxDrift          in stateful mode, a series' state is also re-derived as soon as its current window's
 *                               mean has moved, or its standard deviation changed, by more than this fraction of the
 *                               scale frozen at the last derivation: the carried state was fed with that scale
 * @param lowErrorSteps          when above 0, a point is also anomalous when its smoothed error has stayed below the
 *                               series' low threshold (Hundman et al.'s over the errors mirrored about their mean)
 *                               for this many steps in a row: a signal that stopped varying; only where the
 *                               errors' mean is above {@code thresholdMin}; 0 turns it off
 * @param thresholdWarmUp        the threshold while fewer than {@code minErrorHistory} errors are held: the model's
 *                               calibrated one, or none (nothing anomalous) while the series' own errors are learnt
 */
public record StreamerSettings(
        String inputTopic,
        String scoresTopic,
        String forecastsTopic,
        String anomaliesTopic,
        String deadLetterTopic,
        int batchMaxSize,
        long batchMaxLingerMs,
        int gapFillMaxSteps,
        double thresholdQuantile,
        double smoothingAlpha,
        int errorHistory,
        int minErrorHistory,
        double minThresholdFraction,
        int openAfterSteps,
        int resolveAfterQuietSteps,
        int maxLabels,
        long maxFutureMs,
        double thresholdMargin,
        double thresholdMin,
        boolean rawErrors,
        InferenceMode inferenceMode,
        int stateRefreshSteps,
        double stateMaxDrift,
        int lowErrorSteps,
        ThresholdWarmUp thresholdWarmUp) {

    public StreamerSettings {
        Objects.requireNonNull(inferenceMode, "inferenceMode");
        Objects.requireNonNull(thresholdWarmUp, "thresholdWarmUp");
        if (stateRefreshSteps < 0) {
            throw new IllegalArgumentException("stateRefreshSteps: expected at least 0, found " + stateRefreshSteps);
        }
        if (!(stateMaxDrift >= 0)) {
            throw new IllegalArgumentException("stateMaxDrift: expected at least 0, found " + stateMaxDrift);
        }
        if (lowErrorSteps < 0) {
            throw new IllegalArgumentException("lowErrorSteps: expected at least 0, found " + lowErrorSteps);
        }
    }

    /**
     * Settings without pruning margin, absolute threshold floor or low threshold, errors in window standard
     * deviations, the calibrated threshold during the warm-up.
     */
    public StreamerSettings(String inputTopic, String scoresTopic, String forecastsTopic, String anomaliesTopic,
                            String deadLetterTopic, int batchMaxSize, long batchMaxLingerMs, int gapFillMaxSteps,
                            double thresholdQuantile, double smoothingAlpha, int errorHistory, int minErrorHistory,
                            double minThresholdFraction, int openAfterSteps, int resolveAfterQuietSteps,
                            int maxLabels, long maxFutureMs) {
        this(inputTopic, scoresTopic, forecastsTopic, anomaliesTopic, deadLetterTopic, batchMaxSize,
                batchMaxLingerMs, gapFillMaxSteps, thresholdQuantile, smoothingAlpha, errorHistory, minErrorHistory,
                minThresholdFraction, openAfterSteps, resolveAfterQuietSteps, maxLabels, maxFutureMs, 0, 0, false,
                InferenceMode.AUTO, 0, DEFAULT_STATE_MAX_DRIFT, 0, ThresholdWarmUp.CALIBRATED);
    }

    /** Default of {@link #stateMaxDrift()}. */
    public static final double DEFAULT_STATE_MAX_DRIFT = 0.05;

    /** These settings with another batch size and far-future limit, e.g. one forecast per point offline. */
    public StreamerSettings withBatch(int maxSize, long futureLimitMs) {
        return new StreamerSettings(inputTopic, scoresTopic, forecastsTopic, anomaliesTopic, deadLetterTopic, maxSize,
                batchMaxLingerMs, gapFillMaxSteps, thresholdQuantile, smoothingAlpha, errorHistory, minErrorHistory,
                minThresholdFraction, openAfterSteps, resolveAfterQuietSteps, maxLabels, futureLimitMs,
                thresholdMargin, thresholdMin, rawErrors, inferenceMode, stateRefreshSteps, stateMaxDrift,
                lowErrorSteps, thresholdWarmUp);
    }

    /** These settings with another inference mode, state refresh interval and largest scaling drift. */
    public StreamerSettings withInference(InferenceMode mode, int refreshSteps, double maxDrift) {
        return new StreamerSettings(inputTopic, scoresTopic, forecastsTopic, anomaliesTopic, deadLetterTopic,
                batchMaxSize, batchMaxLingerMs, gapFillMaxSteps, thresholdQuantile, smoothingAlpha, errorHistory,
                minErrorHistory, minThresholdFraction, openAfterSteps, resolveAfterQuietSteps, maxLabels, maxFutureMs,
                thresholdMargin, thresholdMin, rawErrors, mode, refreshSteps, maxDrift, lowErrorSteps,
                thresholdWarmUp);
    }

    /** The documented defaults, with the default topic names. */
    public static StreamerSettings defaults() {
        return new StreamerSettings("metrics", "vigil-scores", "vigil-forecasts", "vigil-anomalies",
                "vigil-dead-letter", 256, 20, 3, 0.999, 0.5, 256, 32, 1.0, 3, 5, 32,
                86_400_000L);
    }
}
