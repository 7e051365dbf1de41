package dev.vigil.streamer.reliability;

import dev.vigil.streamer.inference.InferenceOptions;
import dev.vigil.streamer.inference.OnnxModel;
import dev.vigil.streamer.topology.StreamerSettings;
import dev.vigil.streamer.topology.VigilTopology;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The streamer with the default settings in a process of its own, for {@link CrashLoopIT} to kill with SIGKILL: no
 * shutdown hook, no flush, no commit. Prints {@value #RUNNING} on every transition to RUNNING.
 *
 * <p>Arguments: bootstrap servers, model file, state directory, application id, processing guarantee.
 */
public final class CrashLoopStreamer {

    static final String RUNNING = "CRASH LOOP STREAMER RUNNING";

    private CrashLoopStreamer() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 5) {
            throw new IllegalArgumentException("expected 5 arguments (bootstrap servers, model file, state dir, "
                    + "application id, processing guarantee), found " + args.length);
        }
        OnnxModel model = OnnxModel.load(Path.of(args[1]), InferenceOptions.defaults());
        KafkaStreams streams = new KafkaStreams(VigilTopology.build(StreamerSettings.defaults(), model),
                properties(args[0], Path.of(args[2]), args[3], args[4]));
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                System.out.println(RUNNING);
                System.out.flush();
            }
        });
        streams.start();
        Thread.sleep(Long.MAX_VALUE);
    }

    static Properties properties(String bootstrapServers, Path stateDir, String applicationId, String guarantee) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // a killed member holds its partitions until its session times out: keep that short
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1000);
        return props;
    }
}
