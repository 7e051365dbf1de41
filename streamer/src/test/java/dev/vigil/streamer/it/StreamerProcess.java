package dev.vigil.streamer.it;

import dev.vigil.streamer.inference.InferenceOptions;
import dev.vigil.streamer.inference.OnnxModel;
import dev.vigil.streamer.topology.StreamerSettings;
import dev.vigil.streamer.topology.VigilTopology;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The streamer in a process of its own, so a test can kill it with SIGKILL: no shutdown hook, no flush, no commit.
 * Arguments: bootstrap servers, model file, state dir, application id, batch max size, batch linger in ms.
 */
public final class StreamerProcess {

    private StreamerProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        StreamerSettings d = StreamerSettings.defaults();
        StreamerSettings settings = new StreamerSettings(d.inputTopic(), d.scoresTopic(), d.forecastsTopic(),
                d.anomaliesTopic(), d.deadLetterTopic(), Integer.parseInt(args[4]), Long.parseLong(args[5]),
                d.gapFillMaxSteps(), d.thresholdQuantile(), d.smoothingAlpha(), d.errorHistory(),
                d.minErrorHistory(), d.minThresholdFraction(), d.openAfterSteps(), d.resolveAfterQuietSteps(),
                d.maxLabels(), d.maxFutureMs());
        OnnxModel model = OnnxModel.load(Path.of(args[1]), InferenceOptions.defaults());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, args[3]);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(StreamsConfig.STATE_DIR_CONFIG, args[2]);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put("auto.offset.reset", "earliest");
        // a killed member holds its partitions until its session times out: keep that short in tests
        props.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6000);
        props.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1000);
        KafkaStreams streams = new KafkaStreams(VigilTopology.build(settings, model), props);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                System.out.println("STREAMER RUNNING");
                System.out.flush();
            }
        });
        streams.start();
        Thread.sleep(Long.MAX_VALUE);
    }
}
