package dev.vigil.backtest;

import dev.vigil.streamer.config.VigilConfig;
import dev.vigil.streamer.topology.StreamerSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The streamer settings a backtest scores with, and where its output goes. */
final class ScoringOptions {

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A streamer scoring setting, repeatable, e.g. vigil.score.smoothing.alpha=0.2 (every key: "
                    + "docs/configuration.md). The batch size is always 1 in a backtest: one forecast per point.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true,
            description = "Where to write report.md, rows/<series>.csv, charts/ and any model trained.")
    Path output;

    @Option(names = "--charts", paramLabel = "N", defaultValue = "20",
            description = "Charts for at most N series, those with labels or alerts first (default: ${DEFAULT-VALUE}).")
    int charts;

    /** The --set overrides as one line for reports, or "streamer defaults". */
    String describe() {
        return settings.isEmpty() ? "streamer defaults" : settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
    }

    /** The streamer's settings with the --set overrides, validated exactly as the streamer validates them. */
    StreamerSettings streamerSettings(Path model) {
        Map<String, Object> props = new LinkedHashMap<>(settings);
        props.put(VigilConfig.MODEL_PATH_CONFIG, model.toString());
        return new VigilConfig(props).toSettings();
    }
}
