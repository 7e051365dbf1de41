package dev.vigil.streamer.input;

import dev.vigil.streamer.NamedChoice;

/** The formats the metrics topic may carry; {@link #id()} is the value of {@code vigil.input.format}. */
public enum InputFormat implements NamedChoice {

    /** Vigil's own: key = series id, value {@code {"ts": ..., "value": ...}} or {@code {"ts": ..., "values": {}}}. */
    VIGIL_JSON("vigil-json"),
    /** Telegraf's {@code json} serializer, one metric or the batch form {@code {"metrics": [...]}}. */
    TELEGRAF_JSON("telegraf-json"),
    /** InfluxDB line protocol, one or more lines per record (Telegraf's {@code influx} data format). */
    INFLUX_LINE("influx-line"),
    /** The JSON of the Prometheus remote-write-to-Kafka adapter: one sample per record. */
    PROMETHEUS_JSON("prometheus-json"),
    /** OpenTelemetry OTLP metrics in the JSON encoding of {@code ExportMetricsServiceRequest}. */
    OTLP_JSON("otlp-json");

    private final String id;

    InputFormat(String id) {
        this.id = id;
    }

    /** The name used in configuration and logs, e.g. {@code telegraf-json}. */
    @Override
    public String id() {
        return id;
    }

    /**
     * Parses a configured id, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the accepted ids and the one found
     */
    public static InputFormat parse(String value) {
        return NamedChoice.parse(InputFormat.class, "input format", value);
    }
}
