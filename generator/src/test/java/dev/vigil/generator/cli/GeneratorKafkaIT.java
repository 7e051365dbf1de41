package dev.vigil.generator.cli;

import dev.vigil.generator.GeneratorSpec;
import dev.vigil.generator.MetricGenerator;
import dev.vigil.generator.output.LabelsCsv;
import dev.vigil.testsupport.KafkaTestCluster;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI against a real broker: topics created, every point keyed by its series, labels on their topic. */
class GeneratorKafkaIT {

    private static final Pattern POINT = Pattern.compile("\\{\"ts\":(\\d+),\"value\":([-0-9.E]+)}");
    private static KafkaTestCluster kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() {
        kafka = KafkaTestCluster.start();
        kafka.createTopic("gen-metrics", 3);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void sendsEveryPointKeyedBySeriesAndTheLabels() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path labelsFile = dir.resolve("labels.csv");

        int exit = GeneratorCli.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "--bootstrap-servers", kafka.bootstrapServers(),
                "--topic", "gen-metrics", "--labels-topic", "gen-labels", "--labels-file", labelsFile.toString(),
                "--series", "12", "--steps", "1500", "--start", "2026-01-05", "--seed", "4", "--anomaly-rate", "3");

        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        MetricGenerator expected = new MetricGenerator(new GeneratorSpec(12, 1500, 60_000, 1_767_571_200_000L, 4,
                dev.vigil.generator.AnomalyMix.ALL, 3, 240, 1));
        List<ConsumerRecord<String, String>> points = read("gen-metrics", 12 * 1500);
        assertEquals(12 * 1500, points.size());
        Map<String, Integer> partitionOf = new HashMap<>();
        Map<String, List<Long>> times = new HashMap<>();
        for (ConsumerRecord<String, String> record : points) {
            Matcher m = POINT.matcher(record.value());
            assertTrue(m.matches(), record.value());
            assertEquals(record.partition(), partitionOf.computeIfAbsent(record.key(), k -> record.partition()),
                    "one series, one partition: " + record.key());
            times.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(Long.parseLong(m.group(1)));
        }
        assertEquals(12, times.size());
        times.values().forEach(ts -> {
            assertEquals(1500, ts.size());
            for (int i = 1; i < ts.size(); i++) {
                assertEquals(ts.get(i - 1) + 60_000, ts.get(i), "in time order within a partition");
            }
        });
        List<ConsumerRecord<String, String>> labels = read("gen-labels", expected.labels().size());
        assertEquals(expected.labels().size(), labels.size());
        assertTrue(labels.size() > 5);
        assertEquals(new java.util.HashSet<>(expected.labels()), new java.util.HashSet<>(LabelsCsv.read(labelsFile)));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Sent 18,000 points and " + labels.size()
                + " labels"), out.toString(StandardCharsets.UTF_8));
    }

    private static List<ConsumerRecord<String, String>> read(String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
