package dev.vigil.bench;

import dev.vigil.streamer.config.VigilConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The streamer's configuration for a benchmark run: its documented defaults, the bench topics and threads. */
final class VigilConfigs {

    private VigilConfigs() {
    }

    static VigilConfig of(Path model, String bootstrapServers, String appId, Path stateDir, int threads) {
        Map<String, Object> props = new HashMap<>();
        props.put(VigilConfig.MODEL_PATH_CONFIG, model.toString());
        props.put(VigilConfig.INPUT_TOPIC_CONFIG, PerformanceBenchmark.INPUT_TOPIC);
        props.put(VigilConfig.MODEL_RELOAD_INTERVAL_MS_CONFIG, "0");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(threads));
        return new VigilConfig(props);
    }
}
