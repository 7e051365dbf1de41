package dev.vigil.streamer.alerting;

import dev.vigil.streamer.output.AnomalyEvent;
import dev.vigil.streamer.output.AnomalyEvent.Deviation;

import java.util.List;
import java.util.Map;

/** Anomaly events for the sink's tests: one anomaly of series {@code series}, opened at {@code openedAt}. */
final class Events {

    static final String MODEL = "sha256:0123456789ab";

    private Events() {
    }

    static AnomalyEvent opened(String series, long openedAt, Map<String, String> labels) {
        return event("OPENED", series, "MINOR", openedAt, openedAt, labels);
    }

    static AnomalyEvent updated(String series, String severity, long openedAt, long ts, Map<String, String> labels) {
        return event("UPDATED", series, severity, openedAt, ts, labels);
    }

    static AnomalyEvent resolved(String series, String severity, long openedAt, long ts, Map<String, String> labels) {
        return event("RESOLVED", series, severity, openedAt, ts, labels);
    }

    static AnomalyEvent event(String type, String series, String severity, long openedAt, long ts,
                              Map<String, String> labels) {
        return new AnomalyEvent(series + ":" + openedAt, type, series, severity, ts, openedAt, 0.75, 0.8, 1.5,
                labels, List.of(new Deviation("value", 97.25, 41.5, 6.2), new Deviation("rate", 3.0, 2.5, 0.4)),
                MODEL);
    }
}
