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
 * Prints {@value #RUNNING} on every transition to RUNNING.
 *
 * <p>Arguments: bootstrap servers, model file, state dir, application id, batch max size, batch linger in ms,
 * processing guarantee.
 */
public final class StreamerProcess {

    public static final String RUNNING = "STREAMER RUNNING";

    private StreamerProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 7) {
            throw new IllegalArgumentException("expected 7 arguments (bootstrap servers, model file, state dir, "
                    + "application id, batch max size, batch linger ms, processing guarantee), found " + args.length);
        }
        StreamerSettings d = StreamerSettings.defaults();
        StreamerSettings settings = new StreamerSettings(d.inputTopic(), d.scoresTopic(), d.forecastsTopic(),
                d.anomaliesTopic(), d.deadLetterTopic(), Integer.parseInt(args[4]), Long.parseLong(args[5]),
                d.gapFillMaxSteps(), d.thresholdQuantile(), d.smoothingAlpha(), d.errorHistory(),
                d.minErrorHistory(), d.minThresholdFraction(), d.openAfterSteps(), d.resolveAfterQuietSteps(),
                d.maxLabels(), d.maxFutureMs());
        OnnxModel model = OnnxModel.load(Path.of(args[1]), InferenceOptions.defaults());
        Properties props = StreamerHarness.properties(args[0], args[3], Path.of(args[2]));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, args[6]);
        KafkaStreams streams = new KafkaStreams(VigilTopology.build(settings, model), props);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                System.out.println(RUNNING);
                System.out.flush();
            }
        });
        streams.start();
        Thread.sleep(Long.MAX_VALUE);
    }
}
