package dev.vigil.streamer.it;

import dev.vigil.streamer.inference.Forecaster;
import dev.vigil.streamer.metrics.StreamerMetrics;
import dev.vigil.streamer.topology.StreamerSettings;
import dev.vigil.streamer.topology.VigilTopology;
import dev.vigil.testsupport.KafkaTestCluster;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

/** Runs the streamer's topology against a real broker, and reads its output topics. */
public final class StreamerHarness implements AutoCloseable {

    public final KafkaStreams streams;

    public StreamerHarness(KafkaTestCluster kafka, StreamerSettings settings, Forecaster model, String appId, Path stateDir) {
        this(kafka, settings, model, properties(kafka, appId, stateDir));
    }

    public StreamerHarness(KafkaTestCluster kafka, StreamerSettings settings, Forecaster model, Properties props) {
        this(settings, model, props, null);
    }

    public StreamerHarness(StreamerSettings settings, Forecaster model, Properties props, VigilTopology.FanOut fanOut) {
        streams = new KafkaStreams(VigilTopology.build(settings, model, StreamerMetrics.NONE, fanOut), props);
        streams.start();
    }

    public static Properties properties(KafkaTestCluster kafka, String appId, Path stateDir) {
        return properties(kafka.bootstrapServers(), appId, stateDir);
    }

    /** Streams settings for tests: quick commits, and a short session so a killed member's partitions move soon. */
    public static Properties properties(String bootstrapServers, String appId, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // a killed member holds its partitions until its session times out: keep that short in tests
        props.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6000);
        props.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1000);
        return props;
    }

    public static void createTopics(KafkaTestCluster kafka, StreamerSettings settings, int partitions) {
        kafka.createTopic(settings.inputTopic(), partitions);
        kafka.createTopic(settings.scoresTopic(), partitions);
        kafka.createTopic(settings.forecastsTopic(), partitions);
        kafka.createTopic(settings.anomaliesTopic(), partitions);
        kafka.createTopic(settings.deadLetterTopic(), 1);
    }

    /**
     * Reads a topic from the start until {@code done} holds for what was read, or the timeout passes. Assigns every
     * partition instead of joining a group, so no rebalance delays the first records.
     */
    public static List<ConsumerRecord<String, String>> readUntil(KafkaTestCluster kafka, String topic,
            Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
        return readUntil(kafka, topic, done, timeout, "read_uncommitted");
    }

    /** As {@link #readUntil(KafkaTestCluster, String, Predicate, Duration)}, with a consumer isolation level. */
    public static List<ConsumerRecord<String, String>> readUntil(KafkaTestCluster kafka, String topic,
            Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout, String isolationLevel) {
        Properties props = new Properties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!done.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
