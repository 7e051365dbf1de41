package dev.vigil.streamer.metrics;

import dev.vigil.streamer.output.AnomalyEvent;
import dev.vigil.streamer.output.ScoreRecord;

/**
 * What the topology reports as it works. The processors call it on the stream threads, so implementations must be
 * thread-safe and cheap; {@link #NONE} reports nothing.
 */
public interface StreamerMetrics {

    /** An input record arrived (before decoding). */
    default void recordIn() {
    }

    /** A record went to the dead-letter topic; {@code reason} is one of the dead-letter reason codes. */
    default void deadLettered(String reason) {
    }

    /** A series received its first sample and started its warm-up. */
    default void warmUpStarted() {
    }

    /** A series completed its warm-up (or abandoned it after a long gap restarted it). */
    default void warmUpEnded() {
    }

    /** A point was scored (or reported as warming up): the record written to the scores topic. */
    default void scored(ScoreRecord score) {
    }

    /** An anomaly lifecycle event was written. */
    default void anomalyEvent(AnomalyEvent event) {
    }

    /** One inference call: how many windows, how long it took. */
    default void batch(int windows, long nanos) {
    }

    /**
     * Forecasts made by one inference call, by how: {@link #WINDOW} (whole window, window mode), {@link #DERIVED}
     * (whole window that also derives a carried LSTM state) or {@link #STEPPED} (one step from the carried state).
     */
    default void forecasts(String how, int count) {
    }

    /** A forecast over the whole window in window mode. */
    String WINDOW = "window";
    /** A forecast over the whole window that (re-)derives the series' carried LSTM state. */
    String DERIVED = "derived";
    /** A forecast that advanced the series' carried LSTM state by one step. */
    String STEPPED = "stepped";

    /** The approximate number of series in one task's state store, reported every few seconds. */
    default void storeSize(String taskId, long series) {
    }

    StreamerMetrics NONE = new StreamerMetrics() {
    };
}
