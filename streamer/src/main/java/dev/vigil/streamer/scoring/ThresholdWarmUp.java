package dev.vigil.streamer.scoring;

import dev.vigil.streamer.NamedChoice;

/** What a series' threshold is while it holds fewer smoothed errors than the dynamic threshold needs. */
public enum ThresholdWarmUp implements NamedChoice {

    /**
     * The model's calibrated threshold from the first forecast on; an error above it is held at it, so an anomaly in
     * the warm-up does not raise the series' future threshold.
     */
    CALIBRATED,

    /**
     * No threshold and nothing anomalous until enough errors are held; they are held as they are, so the series' own
     * start is its normal. A series whose level or noise the model never saw in training adapts to it at once
     * instead of alerting until the capped errors have caught up.
     */
    LEARN;

    /**
     * Parses a configured name, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the accepted values and the one found
     */
    public static ThresholdWarmUp parse(String value) {
        return NamedChoice.parse(ThresholdWarmUp.class, "threshold warm-up", value);
    }
}
