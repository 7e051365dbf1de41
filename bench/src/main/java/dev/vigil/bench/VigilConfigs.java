package dev.vigil.bench;

import dev.vigil.streamer.config.VigilConfig;
import dev.vigil.streamer.topology.StreamerSettings;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The streamer's configuration for a benchmark run: its documented defaults, the bench topics and threads, an
 * inference mode, and a suffix for the output topics so that two runs over one input never share an output; then
 * the settings given with {@code --set}, which win over the rest.
 */
final class VigilConfigs {

    private VigilConfigs() {
    }

    static VigilConfig of(Path model, String bootstrapServers, String appId, Path stateDir, int threads,
                          String inferenceMode, String topicSuffix, Map<String, String> overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put(VigilConfig.INFERENCE_MODE_CONFIG, inferenceMode);
        StreamerSettings defaults = StreamerSettings.defaults();
        props.put(VigilConfig.SCORES_TOPIC_CONFIG, defaults.scoresTopic() + topicSuffix);
        props.put(VigilConfig.FORECASTS_TOPIC_CONFIG, defaults.forecastsTopic() + topicSuffix);
        props.put(VigilConfig.ANOMALIES_TOPIC_CONFIG, defaults.anomaliesTopic() + topicSuffix);
        props.put(VigilConfig.DEAD_LETTER_TOPIC_CONFIG, defaults.deadLetterTopic() + topicSuffix);
        props.put(VigilConfig.MODEL_PATH_CONFIG, model.toString());
        props.put(VigilConfig.INPUT_TOPIC_CONFIG, PerformanceBenchmark.INPUT_TOPIC);
        props.put(VigilConfig.MODEL_RELOAD_INTERVAL_MS_CONFIG, "0");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(threads));
        props.putAll(overrides);
        return new VigilConfig(props);
    }
}
