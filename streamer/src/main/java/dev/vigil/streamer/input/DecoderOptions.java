package dev.vigil.streamer.input;

import java.util.Objects;

/**
 * How decoders name series and shape points.
 *
 * @param idRule         which labels form the series id ({@code vigil.input.series.id.labels})
 * @param grouping       one series per field or per measurement, for Telegraf and line protocol
 *                       ({@code vigil.input.features})
 * @param keepHistograms keep Prometheus histogram/summary series and OTLP histogram/summary counts and sums
 *                       instead of skipping them
 */
public record DecoderOptions(SeriesIdRule idRule, FeatureGrouping grouping, boolean keepHistograms) {

    public DecoderOptions {
        Objects.requireNonNull(idRule, "idRule");
        Objects.requireNonNull(grouping, "grouping");
    }

    /** All labels in the id, one series per field, histograms skipped. */
    public static DecoderOptions defaults() {
        return new DecoderOptions(SeriesIdRule.allLabels(), FeatureGrouping.FIELD, false);
    }
}
