package dev.vigil.streamer.alerting;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.vigil.streamer.alerting.AlertmanagerClient.Outcome;
import dev.vigil.streamer.alerting.AlertmanagerClient.Result;
import dev.vigil.streamer.output.AnomalyEvent;
import dev.vigil.streamer.output.OutputJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch of alerts on its way to Alertmanager, and what to record once it got there: either the alerts for a
 * poll's worth of anomaly events (with the open-alert changes and offsets they bring), or a refresh of every open
 * alert. Events of one anomaly in the batch collapse into its latest alert; when an anomaly's labels changed (its
 * severity rose, or the series' labels changed), the alert under the old labels is ended, since Alertmanager sees
 * the new labels as another alert.
 *
 * <p>{@link #attempt} posts the whole batch at once; when Alertmanager refuses it (4xx), the alerts are posted one by
 * one so each refused alert is logged with its event id and skipped, and the rest still get through. An attempt that
 * fails for a reason worth retrying leaves the batch to be attempted again from where it stopped.
 */
final class Delivery {

    private static final Logger log = LoggerFactory.getLogger(Delivery.class);
    private static final ObjectReader EVENTS = OutputJson.mapper().readerFor(AnomalyEvent.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final List<Alert> alerts;
    private final Map<String, OpenAlerts.Entry> updates;
    private final Map<TopicPartition, Long> firstOffsets;
    private final Map<TopicPartition, Long> nextOffsets;
    private final List<Alert> refused = new ArrayList<>();
    private int next;
    private boolean oneByOne;
    private Result lastFailure;

    private Delivery(List<Alert> alerts, Map<String, OpenAlerts.Entry> updates,
                     Map<TopicPartition, Long> firstOffsets, Map<TopicPartition, Long> nextOffsets) {
        this.alerts = alerts;
        this.updates = updates;
        this.firstOffsets = firstOffsets;
        this.nextOffsets = nextOffsets;
    }

    /** The alerts for a poll's records; records that are not anomaly events are logged and skipped. */
    static Delivery ofEvents(ConsumerRecords<byte[], byte[]> records, OpenAlerts open, AlertTranslator translator,
                             Instant now) {
        Map<Map<String, String>, Alert> outgoing = new LinkedHashMap<>();
        Map<String, OpenAlerts.Entry> updates = new HashMap<>();
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        Map<TopicPartition, Long> nextOffsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            firstOffsets.putIfAbsent(tp, record.offset());
            nextOffsets.put(tp, record.offset() + 1);
            Alert alert = translate(record, translator, now);
            if (alert == null) {
                continue;
            }
            String id = alert.eventId();
            OpenAlerts.Entry previous = updates.containsKey(id) ? updates.get(id) : open.get(id);
            if (previous != null && !previous.alert().labels().equals(alert.labels())) {
                outgoing.put(previous.alert().labels(), previous.alert().resolvedAt(now));
            }
            outgoing.put(alert.labels(), alert);
            long firstOffset = previous != null && previous.partition().equals(tp)
                    ? previous.firstOffset() : record.offset();
            updates.put(id, alert.firing() ? new OpenAlerts.Entry(alert, tp, firstOffset) : null);
        }
        return new Delivery(new ArrayList<>(outgoing.values()), updates, firstOffsets, nextOffsets);
    }

    /** Every open alert again, so Alertmanager keeps them firing. */
    static Delivery refresh(OpenAlerts open) {
        return new Delivery(open.alerts(), Map.of(), Map.of(), Map.of());
    }

    private static Alert translate(ConsumerRecord<byte[], byte[]> record, AlertTranslator translator, Instant now) {
        try {
            if (record.value() == null) {
                throw new IllegalArgumentException("no value");
            }
            return translator.translate(EVENTS.readValue(record.value()), now);
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Skipping a record that is not an anomaly event at {}-{} offset {}: {}", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            return null;
        }
    }

    /**
     * Posts what is left of the batch; firing alerts are asked to last until {@code firingUntil}.
     *
     * @return true when every alert was delivered or refused, false when the rest must be attempted again later
     */
    boolean attempt(AlertmanagerClient client, Instant firingUntil) throws InterruptedException {
        if (!oneByOne && next < alerts.size()) {
            Result result = client.post(alerts, firingUntil);
            if (result.outcome() == Outcome.DELIVERED) {
                next = alerts.size();
                return true;
            }
            if (result.outcome() == Outcome.RETRY) {
                lastFailure = result;
                return false;
            }
            oneByOne = true;
            log.debug("Alertmanager refused a batch of {} alerts (HTTP {}); posting them one by one", alerts.size(),
                    result.status());
        }
        while (next < alerts.size()) {
            Alert alert = alerts.get(next);
            Result result = client.post(List.of(alert), firingUntil);
            if (result.outcome() == Outcome.RETRY) {
                lastFailure = result;
                return false;
            }
            if (result.outcome() == Outcome.REJECTED) {
                log.warn("Alertmanager refused the alert of event {} (HTTP {}: {}); skipping it", alert.eventId(),
                        result.status(), result.detail());
                refused.add(alert);
            }
            next++;
        }
        return true;
    }

    /** Records a delivered batch: open alerts changed, refused ones forgotten, offsets advanced. */
    void applyTo(OpenAlerts open) {
        open.apply(updates, nextOffsets);
        refused.stream().filter(Alert::firing).forEach(open::refused);
    }

    /** Alerts in the batch. */
    int size() {
        return alerts.size();
    }

    /** Whether the batch came from records, whose offsets are committed once it is delivered. */
    boolean hasOffsets() {
        return !nextOffsets.isEmpty();
    }

    /** Offset of the batch's first record per partition: where to read again if the batch is abandoned. */
    Map<TopicPartition, Long> firstOffsets() {
        return firstOffsets;
    }

    /** Why the last attempt failed, for the log. */
    Result lastFailure() {
        return lastFailure;
    }
}
