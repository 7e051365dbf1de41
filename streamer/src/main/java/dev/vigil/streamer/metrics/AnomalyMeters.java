package dev.vigil.streamer.metrics;

import dev.vigil.streamer.output.AnomalyEvent;
import dev.vigil.streamer.scoring.EventType;
import dev.vigil.streamer.scoring.Severity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Anomalies opened and resolved, by severity, and the anomalies open right now. Open anomalies are tracked by event
 * id with their current severity, so an UPDATED event moves one anomaly from its old severity to its new one.
 *
 * <p>The gauge counts what this instance has seen since it started: an anomaly opened before a restart (or on
 * another instance before a rebalance) is counted from its next UPDATED event, and a RESOLVED event for an anomaly
 * never seen here changes nothing, so the gauge never goes below 0.
 */
final class AnomalyMeters {

    private static final Severity[] SEVERITIES = Severity.values();

    private final Counter[] opened = new Counter[SEVERITIES.length];
    private final Counter[] resolved = new Counter[SEVERITIES.length];
    private final AtomicLong[] active = new AtomicLong[SEVERITIES.length];
    private final Map<String, Severity> open = new ConcurrentHashMap<>();

    AnomalyMeters(MeterRegistry registry) {
        for (Severity severity : SEVERITIES) {
            int i = severity.ordinal();
            String tag = severity.name();
            opened[i] = Counter.builder("vigil.anomalies.opened").tag("severity", tag)
                    .description("Anomalies opened, by severity at opening").register(registry);
            resolved[i] = Counter.builder("vigil.anomalies.resolved").tag("severity", tag)
                    .description("Anomalies resolved, by their highest severity").register(registry);
            active[i] = new AtomicLong();
            Gauge.builder("vigil.anomalies.active", active[i], AtomicLong::get).tag("severity", tag)
                    .description("Anomalies open now, by current severity").register(registry);
        }
    }

    void event(AnomalyEvent event) {
        Severity severity = severity(event.severity());
        if (severity == null || event.eventId() == null) {
            return;
        }
        EventType type = type(event.type());
        if (type == null) {
            return;
        }
        switch (type) {
            case OPENED -> {
                opened[severity.ordinal()].increment();
                moveTo(event.eventId(), severity);
            }
            case UPDATED -> moveTo(event.eventId(), severity);
            case RESOLVED -> {
                resolved[severity.ordinal()].increment();
                Severity before = open.remove(event.eventId());
                if (before != null) {
                    active[before.ordinal()].decrementAndGet();
                }
            }
        }
    }

    private void moveTo(String eventId, Severity severity) {
        Severity before = open.put(eventId, severity);
        if (before != severity) {
            active[severity.ordinal()].incrementAndGet();
            if (before != null) {
                active[before.ordinal()].decrementAndGet();
            }
        }
    }

    private static Severity severity(String name) {
        for (Severity severity : SEVERITIES) {
            if (severity.name().equals(name)) {
                return severity;
            }
        }
        return null;
    }

    private static EventType type(String name) {
        for (EventType type : EventType.values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
