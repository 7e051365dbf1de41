package dev.vigil.demo;

import dev.vigil.demo.broker.EmbeddedKafka;
import dev.vigil.demo.watch.OutputWatcher;
import dev.vigil.generator.MetricGenerator;
import dev.vigil.streamer.cli.StreamerApp;
import dev.vigil.streamer.config.ConfigLoader;
import dev.vigil.streamer.config.MetricsKeys;
import dev.vigil.streamer.config.VigilConfig;
import dev.vigil.streamer.topology.StreamerSettings;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The running parts of a demo, started broker first and closed in the opposite order: generator, streamer, output
 * reader, broker. Closing never throws; a part that fails to close is logged and the others still close.
 */
final class Stack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Stack.class);
    /** Partitions of the metrics topic and of the streamer's outputs. */
    static final int PARTITIONS = 4;

    private final PrintStream out;
    private EmbeddedKafka kafka;
    private StreamerApp app;
    private OutputWatcher watcher;
    private GeneratorThread sender;

    Stack(PrintStream out) {
        this.out = out;
    }

    /** Starts the broker, creates the topics, starts the streamer and the output reader; returns the topics. */
    StreamerSettings start(DemoOptions options, Path model, Path dir) {
        long begin = System.nanoTime();
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        VigilConfig config = config(options, model, dir, options.metricsPort());
        StreamerSettings topics = config.toSettings();
        Map<String, Integer> partitions = new LinkedHashMap<>();
        partitions.put(topics.inputTopic(), PARTITIONS);
        partitions.put(topics.scoresTopic(), PARTITIONS);
        partitions.put(topics.forecastsTopic(), PARTITIONS);
        partitions.put(topics.anomaliesTopic(), PARTITIONS);
        partitions.put(topics.deadLetterTopic(), 1);
        kafka.createTopics(partitions);
        out.printf(Locale.ROOT, "Kafka broker (KRaft, in this JVM) ready at %s in %.1f s; topics %s created%n",
                kafka.bootstrapServers(), (System.nanoTime() - begin) / 1e9, partitions.keySet());
        try {
            app = StreamerApp.create(config);
        } catch (ConfigException e) {
            if (!options.portFallback() || e.getMessage() == null || !e.getMessage().contains(MetricsKeys.PORT_CONFIG)) {
                throw e;
            }
            out.printf(Locale.ROOT, "Port %d is in use; serving /metrics on a free port instead%n",
                    options.metricsPort());
            app = StreamerApp.create(config(options, model, dir, 0));
        }
        app.start();
        watcher = OutputWatcher.start(kafka.bootstrapServers(), topics);
        return topics;
    }

    void sendFrom(MetricGenerator generator, String topic, double rate) {
        sender = GeneratorThread.start(generator, kafka.bootstrapServers(), topic, rate);
    }

    StreamerApp app() {
        return app;
    }

    OutputWatcher watcher() {
        return watcher;
    }

    GeneratorThread sender() {
        return sender;
    }

    private VigilConfig config(DemoOptions options, Path model, Path dir, int metricsPort) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(VigilConfig.MODEL_PATH_CONFIG, model.toString());
        keys.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        keys.put(StreamsConfig.APPLICATION_ID_CONFIG, Demo.APPLICATION_ID);
        keys.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toString());
        keys.put(MetricsKeys.PORT_CONFIG, String.valueOf(metricsPort));
        keys.putAll(options.settings());
        // the demo's own settings only: VIGIL_* variables of the shell are not read
        return new ConfigLoader(Map.of()).load(null, keys);
    }

    @Override
    public void close() {
        closeQuietly("the generator", sender);
        closeQuietly("the streamer", app);
        closeQuietly("the output reader", watcher);
        closeQuietly("the broker", kafka);
    }

    private static void closeQuietly(String what, AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            LOG.warn("Stopping {} failed", what, e);
        }
    }
}
