package dev.vigil.streamer.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

import java.util.List;

import static org.apache.kafka.common.config.ConfigDef.Range.atLeast;
import static org.apache.kafka.common.config.ConfigDef.Range.between;

/** The keys of the metrics and health HTTP endpoint, declared once; part of {@link VigilConfig}. */
public final class MetricsKeys {

    public static final String PORT_CONFIG = "vigil.metrics.port";
    /** The endpoint's default port; a constant so that the health check can use it without loading this class. */
    public static final int DEFAULT_PORT = 9464;
    private static final String PORT_DOC = "Port of the HTTP endpoint serving /metrics (Prometheus), /health/live "
            + "and /health/ready; -1 disables it, 0 picks a free port (logged).";
    public static final String SERIES_ALLOW_CONFIG = "vigil.metrics.series.allow";
    private static final String SERIES_ALLOW_DOC = "Series ids that get per-series meters (actual, expected, band, "
            + "score), comma-separated; when empty, the top series by anomaly score get them instead.";
    public static final String SERIES_TOP_CONFIG = "vigil.metrics.series.top";
    private static final String SERIES_TOP_DOC = "How many series, ranked by their latest anomaly score, get "
            + "per-series meters when no allow-list is set; 0 disables per-series meters. Bounds cardinality.";

    private MetricsKeys() {
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(PORT_CONFIG, Type.INT, DEFAULT_PORT, between(-1, 65535), Importance.MEDIUM, PORT_DOC)
                .define(SERIES_ALLOW_CONFIG, Type.LIST, List.of(), Importance.LOW, SERIES_ALLOW_DOC)
                .define(SERIES_TOP_CONFIG, Type.INT, 10, atLeast(0), Importance.LOW, SERIES_TOP_DOC);
    }

    /** The endpoint's settings as plain values. */
    public record Settings(int port, List<String> seriesAllow, int seriesTop) {
    }

    public static Settings settings(VigilConfig config) {
        return new Settings(config.getInt(PORT_CONFIG), List.copyOf(config.getList(SERIES_ALLOW_CONFIG)),
                config.getInt(SERIES_TOP_CONFIG));
    }
}
