package dev.vigil.streamer.output;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * An anomaly lifecycle event for alert routing: OPENED, UPDATED (severity changed) or RESOLVED, all carrying the
 * same stable {@code eventId} for one anomaly.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnomalyEvent(
        String eventId,
        String type,
        String series,
        String severity,
        long ts,
        long openedAt,
        double score,
        double peakScore,
        double threshold,
        Map<String, String> labels,
        List<Deviation> deviations,
        String modelVersion) {

    /** How far one target deviated from its forecast at this step, most deviating first. */
    public record Deviation(String feature, double actual, double expected, double scaledError) {
    }
}
