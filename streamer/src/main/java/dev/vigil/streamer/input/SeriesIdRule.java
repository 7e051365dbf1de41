package dev.vigil.streamer.input;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The one rule that names a series from a metric name and labels: {@code <metric name>{k1=v1,k2=v2}}, with the id
 * labels sorted by key, e.g. {@code cpu{cpu=cpu0,host=web-1}}; just {@code <metric name>} when no id label is
 * present. Labels not in the id still travel with the point. In the metric name, keys and values, a backslash is put
 * before {@code \ = { }} and before every character of the separator, so two different label sets never share an
 * id.
 *
 * @param idLabels  the label keys that form the id; empty = all labels. Id labels a point lacks are left out.
 * @param separator what stands between two {@code key=value} pairs; {@code ","} by default
 */
public record SeriesIdRule(List<String> idLabels, String separator) {

    /** The default separator between {@code key=value} pairs. */
    public static final String DEFAULT_SEPARATOR = ",";

    public SeriesIdRule {
        idLabels = List.copyOf(idLabels);
        Objects.requireNonNull(separator, "separator");
        if (separator.isEmpty() || separator.chars().anyMatch(c -> "={}\\".indexOf(c) >= 0)) {
            throw new IllegalArgumentException("series id separator: expected a non-empty text without = { } or \\,"
                    + " found '" + separator + "'");
        }
    }

    /** All labels form the id, separated by {@value #DEFAULT_SEPARATOR}. */
    public static SeriesIdRule allLabels() {
        return new SeriesIdRule(List.of(), DEFAULT_SEPARATOR);
    }

    /** Only {@code idLabels} form the id (all labels when empty), separated by {@value #DEFAULT_SEPARATOR}. */
    public static SeriesIdRule of(List<String> idLabels) {
        return new SeriesIdRule(idLabels, DEFAULT_SEPARATOR);
    }

    /** The id of the series named {@code metricName} with {@code labels}. */
    public String seriesId(String metricName, Map<String, String> labels) {
        TreeMap<String, String> chosen = new TreeMap<>();
        labels.forEach((key, value) -> {
            if (idLabels.isEmpty() || idLabels.contains(key)) {
                chosen.put(key, value);
            }
        });
        StringBuilder id = new StringBuilder(escape(metricName));
        if (chosen.isEmpty()) {
            return id.toString();
        }
        id.append('{');
        String between = "";
        for (Map.Entry<String, String> label : chosen.entrySet()) {
            id.append(between).append(escape(label.getKey())).append('=').append(escape(label.getValue()));
            between = separator;
        }
        return id.append('}').toString();
    }

    private String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\={}".indexOf(c) >= 0 || separator.indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
