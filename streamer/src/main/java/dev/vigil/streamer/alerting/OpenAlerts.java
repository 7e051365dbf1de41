package dev.vigil.streamer.alerting;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts this sink keeps firing, by event id, and how far each partition of the anomalies topic was delivered.
 * Each open alert remembers the offset of the first event of it this consumer read, so the offset committed for a
 * partition never passes an alert that is still open: after a restart or a rebalance, whoever takes the partition
 * reads those events again and keeps their alerts firing.
 */
final class OpenAlerts {

    /** An open alert and where its first event was read. */
    record Entry(Alert alert, TopicPartition partition, long firstOffset) {
    }

    private final Map<String, Entry> open = new LinkedHashMap<>();
    private final Map<TopicPartition, Long> delivered = new HashMap<>();

    Entry get(String eventId) {
        return open.get(eventId);
    }

    boolean isEmpty() {
        return open.isEmpty();
    }

    int size() {
        return open.size();
    }

    /** The open alerts, in the order they opened. */
    List<Alert> alerts() {
        List<Alert> alerts = new ArrayList<>(open.size());
        open.values().forEach(entry -> alerts.add(entry.alert()));
        return alerts;
    }

    /**
     * Applies what a delivered batch changed: an entry per event id (null when the alert ended), and the offset after
     * the last event delivered per partition.
     */
    void apply(Map<String, Entry> updates, Map<TopicPartition, Long> nextOffsets) {
        updates.forEach((eventId, entry) -> {
            if (entry == null) {
                open.remove(eventId);
            } else {
                open.put(eventId, entry);
            }
        });
        delivered.putAll(nextOffsets);
    }

    /** Forgets the alert Alertmanager refused, unless the event id has moved on to other labels since. */
    void refused(Alert alert) {
        Entry entry = open.get(alert.eventId());
        if (entry != null && entry.alert().labels().equals(alert.labels())) {
            open.remove(alert.eventId());
        }
    }

    /** Offsets safe to commit: after every delivered event, but not past the first event of an open alert. */
    Map<TopicPartition, OffsetAndMetadata> commitOffsets() {
        Map<TopicPartition, Long> offsets = new HashMap<>(delivered);
        for (Entry entry : open.values()) {
            offsets.computeIfPresent(entry.partition(), (tp, next) -> Math.min(next, entry.firstOffset()));
        }
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((tp, offset) -> commit.put(tp, new OffsetAndMetadata(offset)));
        return commit;
    }

    /** Forgets the partitions this consumer no longer owns, and the alerts read from them. */
    void drop(Collection<TopicPartition> partitions) {
        open.values().removeIf(entry -> partitions.contains(entry.partition()));
        delivered.keySet().removeAll(partitions);
    }
}
