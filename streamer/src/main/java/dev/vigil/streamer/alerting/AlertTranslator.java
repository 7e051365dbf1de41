package dev.vigil.streamer.alerting;

import dev.vigil.streamer.output.AnomalyEvent;
import dev.vigil.streamer.output.AnomalyEvent.Deviation;
import dev.vigil.streamer.scoring.EventType;

import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns an anomaly lifecycle event into the Alertmanager alert for it. Labels: {@code alertname="VigilAnomaly"},
 * {@code series}, {@code severity} (lower case), {@code vigil_event_id}, then the series' own labels with names made
 * valid ({@code [a-zA-Z_][a-zA-Z0-9_]*}); a series label that would take a reserved name is renamed
 * {@code exported_<name>}. OPENED and UPDATED events give a firing alert, RESOLVED an ended one.
 */
final class AlertTranslator {

    static final Set<String> RESERVED_LABELS = Set.of("alertname", "series", "severity", Alert.EVENT_ID_LABEL);
    private static final MathContext DIGITS = new MathContext(6);

    private final String dashboardTemplate;

    /** @param dashboardTemplate link with {@code {series}} in it, or blank for none */
    AlertTranslator(String dashboardTemplate) {
        this.dashboardTemplate = dashboardTemplate == null ? "" : dashboardTemplate.strip();
    }

    /**
     * The alert for {@code event}, sent at {@code now}.
     *
     * @throws IllegalArgumentException when the event lacks its id, series, type or severity
     */
    Alert translate(AnomalyEvent event, Instant now) {
        EventType type = check(event);
        Instant opened = event.openedAt() > 0 ? Instant.ofEpochMilli(event.openedAt())
                : event.ts() > 0 ? Instant.ofEpochMilli(event.ts()) : now;
        Instant startsAt = opened.isAfter(now) ? now : opened;
        String dashboard = dashboardLink(event.series());
        Alert alert = new Alert(labels(event), annotations(event, opened, dashboard), startsAt, null,
                isAbsoluteUri(dashboard) ? dashboard : null);
        if (type != EventType.RESOLVED) {
            return alert;
        }
        Instant ended = event.ts() > 0 ? Instant.ofEpochMilli(event.ts()) : now;
        return alert.resolvedAt(ended.isAfter(now) ? now : ended);
    }

    private static EventType check(AnomalyEvent event) {
        if (isBlank(event.eventId()) || isBlank(event.series()) || isBlank(event.severity())) {
            throw new IllegalArgumentException("event lacks eventId, series or severity");
        }
        try {
            return EventType.valueOf(String.valueOf(event.type()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown event type '" + event.type() + "'", e);
        }
    }

    private static Map<String, String> labels(AnomalyEvent event) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", Alert.ALERT_NAME);
        labels.put("series", event.series());
        labels.put("severity", event.severity().toLowerCase(Locale.ROOT));
        labels.put(Alert.EVENT_ID_LABEL, event.eventId());
        if (event.labels() != null) {
            new TreeMap<>(event.labels()).forEach((name, value) -> {
                String valid = labelName(name);
                if (valid != null && value != null && !value.isEmpty()) {
                    labels.putIfAbsent(RESERVED_LABELS.contains(valid) ? "exported_" + valid : valid, value);
                }
            });
        }
        return labels;
    }

    /** {@code raw} as a valid label name: other characters become '_', a leading digit gets a '_' before it. */
    static String labelName(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        StringBuilder name = new StringBuilder(raw.length() + 1);
        if (raw.charAt(0) >= '0' && raw.charAt(0) <= '9') {
            name.append('_');
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean valid = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            name.append(valid ? c : '_');
        }
        return name.toString();
    }

    private static Map<String, String> annotations(AnomalyEvent event, Instant opened, String dashboard) {
        Map<String, String> annotations = new LinkedHashMap<>();
        List<Deviation> deviations = event.deviations() == null ? List.of() : event.deviations();
        if (deviations.isEmpty()) {
            annotations.put("summary", event.series() + ": anomaly score " + number(event.score()));
        } else {
            Deviation top = deviations.get(0);
            annotations.put("summary", event.series() + ": " + top.feature() + " at " + number(top.actual())
                    + ", expected " + number(top.expected()));
            annotations.put("feature", String.valueOf(top.feature()));
            annotations.put("actual", number(top.actual()));
            annotations.put("expected", number(top.expected()));
        }
        if (deviations.size() > 1) {
            annotations.put("deviations", deviations.stream()
                    .map(d -> d.feature() + " at " + number(d.actual()) + ", expected " + number(d.expected()))
                    .collect(Collectors.joining("; ")));
        }
        annotations.put("score", number(event.score()));
        annotations.put("peak_score", number(event.peakScore()));
        annotations.put("threshold", number(event.threshold()));
        annotations.put("opened_at", opened.toString());
        if (!isBlank(event.modelVersion())) {
            annotations.put("model_version", event.modelVersion());
        }
        if (dashboard != null) {
            annotations.put("dashboard", dashboard);
        }
        return annotations;
    }

    private String dashboardLink(String series) {
        if (dashboardTemplate.isEmpty()) {
            return null;
        }
        String encoded = URLEncoder.encode(series, StandardCharsets.UTF_8).replace("+", "%20");
        return dashboardTemplate.replace("{series}", encoded);
    }

    /** Six significant digits, no exponent, no trailing zeros. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        return new BigDecimal(value).round(DIGITS).stripTrailingZeros().toPlainString();
    }

    private static boolean isAbsoluteUri(String link) {
        if (link == null) {
            return false;
        }
        try {
            return URI.create(link).isAbsolute();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
