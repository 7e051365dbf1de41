package dev.vigil.streamer.input;

/** Builds the decoder of an input format. */
public final class PointDecoders {

    private PointDecoders() {
    }

    /** A new decoder for {@code format}; each has its own {@link PointDecoder#skipped()} counts. */
    public static PointDecoder of(InputFormat format, DecoderOptions options) {
        return switch (format) {
            case VIGIL_JSON -> new VigilJsonDecoder();
            case TELEGRAF_JSON -> new TelegrafJsonDecoder(options);
            case INFLUX_LINE -> new InfluxLineDecoder(options);
            case PROMETHEUS_JSON -> new PrometheusJsonDecoder(options);
            case OTLP_JSON -> new OtlpJsonDecoder(options);
        };
    }
}
