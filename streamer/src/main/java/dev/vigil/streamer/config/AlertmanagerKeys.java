package dev.vigil.streamer.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

import java.time.Duration;

import static org.apache.kafka.common.config.ConfigDef.Range.atLeast;

/** The keys of the optional Alertmanager sink, declared once; part of {@link VigilConfig}. */
public final class AlertmanagerKeys {

    public static final String URL_CONFIG = "vigil.alertmanager.url";
    private static final String URL_DOC = "Base URL of Alertmanager (e.g. http://alertmanager:9093); when set, every "
            + "anomaly is posted there as an alert while it is open. Empty disables the sink.";
    public static final String REFRESH_MS_CONFIG = "vigil.alertmanager.refresh.ms";
    private static final String REFRESH_MS_DOC = "How often open alerts are re-posted so Alertmanager keeps them "
            + "firing, in ms; each post asks Alertmanager to keep the alert for three of these intervals.";
    public static final String DASHBOARD_URL_CONFIG = "vigil.alertmanager.dashboard.url";
    private static final String DASHBOARD_URL_DOC = "Link template put in each alert's annotations; {series} is "
            + "replaced by the URL-encoded series id. Empty leaves the link out.";

    private AlertmanagerKeys() {
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(URL_CONFIG, Type.STRING, "", Importance.MEDIUM, URL_DOC)
                .define(REFRESH_MS_CONFIG, Type.LONG, 60_000L, atLeast(1_000), Importance.LOW, REFRESH_MS_DOC)
                .define(DASHBOARD_URL_CONFIG, Type.STRING, "", Importance.LOW, DASHBOARD_URL_DOC);
    }

    /** The sink's settings as plain values; {@code url} empty when disabled. */
    public record Settings(String url, Duration refresh, String dashboardUrl) {

        public boolean enabled() {
            return !url.isBlank();
        }
    }

    public static Settings settings(VigilConfig config) {
        return new Settings(config.getString(URL_CONFIG).strip(), Duration.ofMillis(config.getLong(REFRESH_MS_CONFIG)),
                config.getString(DASHBOARD_URL_CONFIG));
    }
}
