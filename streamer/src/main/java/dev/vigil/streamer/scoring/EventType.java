package dev.vigil.streamer.scoring;

/** What an {@link AlertLifecycle} step tells the outside world about a series' anomaly. */
public enum EventType {
    /** An anomaly began: enough consecutive anomalous steps. */
    OPENED,
    /** An open anomaly escalated to a higher severity. */
    UPDATED,
    /** An open anomaly ended: enough consecutive normal steps. */
    RESOLVED
}
