package dev.vigil.streamer.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

import dev.vigil.streamer.input.DecoderOptions;
import dev.vigil.streamer.input.FeatureGrouping;
import dev.vigil.streamer.input.InputFormat;
import dev.vigil.streamer.input.PointDecoder;
import dev.vigil.streamer.input.PointDecoders;
import dev.vigil.streamer.input.SeriesIdRule;

import java.util.List;

/** The keys of the input stage: which format the metrics topic holds and how its points become series. */
public final class InputKeys {

    public static final String FORMAT_CONFIG = "vigil.input.format";
    private static final String FORMAT_DOC = "Format of the metrics topic: vigil-json (key = series id), "
            + "telegraf-json, influx-line, prometheus-json (remote-write Kafka adapter), otlp-json (OpenTelemetry). "
            + "Formats other than vigil-json are decoded, fanned out and re-keyed by series id through the points "
            + "topic <application.id>-vigil-points, created at start with the metrics topic's partition count. "
            + "See docs/input-formats.md.";
    public static final String SERIES_ID_LABELS_CONFIG = "vigil.input.series.id.labels";
    private static final String SERIES_ID_LABELS_DOC = "Labels (tags, attributes) that form the series id with the "
            + "metric name, comma-separated; empty uses all of them. The others still travel as labels.";
    public static final String FEATURES_CONFIG = "vigil.input.features";
    private static final String FEATURES_DOC = "How fields of one Telegraf or line-protocol record become series: "
            + "field (one univariate series per field) or measurement (one multivariate series per measurement, "
            + "its fields as features).";
    public static final String KEEP_HISTOGRAMS_CONFIG = "vigil.input.histograms";
    private static final String KEEP_HISTOGRAMS_DOC = "Whether histogram and summary series (Prometheus _bucket, "
            + "_count, _sum, quantiles; OTLP histograms) are kept; when false they are skipped.";

    /** Suffix of the points topic, after the application id. */
    public static final String POINTS_TOPIC_SUFFIX = "-vigil-points";

    private InputKeys() {
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(FORMAT_CONFIG, Type.STRING, "vigil-json", Validators.oneOfIgnoringCase("vigil-json",
                        "telegraf-json", "influx-line", "prometheus-json", "otlp-json"), Importance.HIGH, FORMAT_DOC)
                .define(SERIES_ID_LABELS_CONFIG, Type.LIST, List.of(), Importance.LOW, SERIES_ID_LABELS_DOC)
                .define(FEATURES_CONFIG, Type.STRING, "field", Validators.oneOfIgnoringCase("field", "measurement"),
                        Importance.LOW, FEATURES_DOC)
                .define(KEEP_HISTOGRAMS_CONFIG, Type.BOOLEAN, false, Importance.LOW, KEEP_HISTOGRAMS_DOC);
    }

    /** The input stage's settings as plain values. */
    public record Settings(String format, List<String> seriesIdLabels, String features, boolean keepHistograms) {

        public boolean fansOut() {
            return InputFormat.parse(format) != InputFormat.VIGIL_JSON;
        }

        /** The decoder these settings describe. */
        public PointDecoder decoder() {
            SeriesIdRule idRule = seriesIdLabels.isEmpty() ? SeriesIdRule.allLabels() : SeriesIdRule.of(seriesIdLabels);
            return PointDecoders.of(InputFormat.parse(format),
                    new DecoderOptions(idRule, FeatureGrouping.parse(features), keepHistograms));
        }
    }

    public static Settings settings(VigilConfig config) {
        return new Settings(config.getString(FORMAT_CONFIG).toLowerCase(java.util.Locale.ROOT),
                List.copyOf(config.getList(SERIES_ID_LABELS_CONFIG)),
                config.getString(FEATURES_CONFIG).toLowerCase(java.util.Locale.ROOT),
                config.getBoolean(KEEP_HISTOGRAMS_CONFIG));
    }
}
