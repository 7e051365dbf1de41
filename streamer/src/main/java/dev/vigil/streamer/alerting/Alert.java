package dev.vigil.streamer.alerting;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * One alert as Alertmanager's API v2 takes it. Alertmanager identifies an alert by its label set alone, so two
 * alerts with equal labels are the same alert at different moments.
 *
 * @param endsAt       when the alert ends; {@code null} while it fires, to be set to "a little while from now" each
 *                     time it is sent (see {@link #toJsonArray})
 * @param generatorUrl the link Alertmanager shows as the alert's source; {@code null} for none
 */
record Alert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt, Instant endsAt,
             String generatorUrl) {

    static final String ALERT_NAME = "VigilAnomaly";
    static final String EVENT_ID_LABEL = "vigil_event_id";

    Alert {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        Objects.requireNonNull(startsAt, "startsAt");
    }

    /** The Vigil event id this alert stands for. */
    String eventId() {
        return labels.get(EVENT_ID_LABEL);
    }

    boolean firing() {
        return endsAt == null;
    }

    /** This alert, ended at {@code at} (never before it started). */
    Alert resolvedAt(Instant at) {
        return new Alert(labels, annotations, startsAt, at.isBefore(startsAt) ? startsAt : at, generatorUrl);
    }

    /** The JSON body of {@code POST /api/v2/alerts}; firing alerts get {@code endsAt = firingUntil}. */
    static ArrayNode toJsonArray(Collection<Alert> alerts, Instant firingUntil) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (Alert alert : alerts) {
            ObjectNode node = array.addObject();
            ObjectNode labels = node.putObject("labels");
            alert.labels.forEach(labels::put);
            ObjectNode annotations = node.putObject("annotations");
            alert.annotations.forEach(annotations::put);
            node.put("startsAt", alert.startsAt.toString());
            node.put("endsAt", (alert.firing() ? firingUntil : alert.endsAt).toString());
            if (alert.generatorUrl != null) {
                node.put("generatorURL", alert.generatorUrl);
            }
        }
        return array;
    }
}
