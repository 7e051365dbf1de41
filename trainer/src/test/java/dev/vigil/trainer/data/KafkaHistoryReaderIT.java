package dev.vigil.trainer.data;

import dev.vigil.testsupport.KafkaTestCluster;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads history from a real broker; see {@link KafkaTestCluster}. */
class KafkaHistoryReaderIT {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static KafkaTestCluster kafka;

    @BeforeAll
    static void startKafka() {
        kafka = KafkaTestCluster.start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void readsSeveralSeriesFromEveryPartitionWithEpochAndIsoTimes() {
        kafka.createTopic("uni", 3);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            String id = "host-" + p;
            records.add(new ProducerRecord<>("uni", p, id, "{\"ts\": " + T0 + ", \"value\": " + p + "}"));
            records.add(new ProducerRecord<>("uni", p, id, "{\"ts\": \"2026-01-01T00:01:00Z\", \"value\": 1.5}"));
            records.add(new ProducerRecord<>("uni", p, id, "{\"ts\": " + (T0 + 120_000) + ", \"value\": 2.5, "
                    + "\"labels\": {\"dc\": \"eu\"}}"));
        }
        kafka.produce(records);

        History h = KafkaHistoryReader.read(KafkaOptions.of(kafka.bootstrapServers(), "uni"));

        assertEquals("kafka:uni", h.source(), "source names the topic");
        assertEquals(List.of("value"), h.features(), "the univariate form has the single feature 'value'");
        assertEquals(List.of("host-0", "host-1", "host-2"), h.series().stream().map(Series::id).toList(),
                "one series per key, sorted by id, from all 3 partitions");
        for (int p = 0; p < 3; p++) {
            Series s = h.series().get(p);
            assertArrayEquals(new long[] {T0, T0 + 60_000, T0 + 120_000}, s.timestamps(),
                    "epoch and ISO timestamps of " + s.id());
            assertArrayEquals(new double[] {p, 1.5, 2.5}, s.values(), "values of " + s.id());
        }
        assertEquals(60_000, h.stepMillis(), "step is the median spacing");
    }

    @Test
    void readsMultivariateRecordsInTheRequestedFeatureOrderAndRepairsOrder() {
        kafka.createTopic("multi", 2);
        kafka.produce(List.of(
                new ProducerRecord<>("multi", 0, "a", "{\"ts\": " + (T0 + 2000) + ", \"values\": {\"cpu\": 3, \"mem\": 30}}"),
                new ProducerRecord<>("multi", 0, "a", "{\"ts\": " + T0 + ", \"values\": {\"mem\": 10, \"cpu\": 1}}"),
                new ProducerRecord<>("multi", 0, "a", "{\"ts\": " + (T0 + 1000) + ", \"values\": {\"cpu\": 2, \"mem\": 20}}"),
                new ProducerRecord<>("multi", 0, "a", "{\"ts\": " + (T0 + 1000) + ", \"values\": {\"cpu\": 2.5, \"mem\": 25}}"),
                new ProducerRecord<>("multi", 1, "b", "{\"ts\": \"2026-01-01T00:00:00Z\", \"values\": {\"cpu\": 9, \"mem\": 90}}"),
                new ProducerRecord<>("multi", 1, "b", "{\"ts\": \"2026-01-01T00:00:01Z\", \"values\": {\"cpu\": 8, \"mem\": 80}}")));

        History sorted = KafkaHistoryReader.read(KafkaOptions.of(kafka.bootstrapServers(), "multi"));
        History chosen = KafkaHistoryReader.read(KafkaOptions.of(kafka.bootstrapServers(), "multi")
                .withFeatures("mem", "cpu").withStepMillis(500));

        assertEquals(List.of("cpu", "mem"), sorted.features(), "features of the first record, sorted by name");
        Series a = sorted.series().get(0);
        assertArrayEquals(new long[] {T0, T0 + 1000, T0 + 2000}, a.timestamps(), "sorted, duplicate dropped");
        assertArrayEquals(new double[] {1, 10, 2.5, 25, 3, 30}, a.values(), "last record of a duplicate wins");
        assertEquals(List.of("mem", "cpu"), chosen.features(), "the features option sets the order");
        assertArrayEquals(new double[] {90, 9, 80, 8}, chosen.series().get(1).values(), "values in option order");
        assertEquals(500, chosen.stepMillis(), "the given step");
    }

    @Test
    void stopsAtTheEndOffsetsFoundAtTheStart() {
        kafka.createTopic("growing", 1);
        kafka.produce("growing", List.of(Map.entry("s", "{\"ts\": " + T0 + ", \"value\": 1}"),
                Map.entry("s", "{\"ts\": " + (T0 + 1000) + ", \"value\": 2}")));
        ProduceOnFirstPoll.action = () -> kafka.produce("growing", List.of(
                Map.entry("s", "{\"ts\": " + (T0 + 2000) + ", \"value\": 3}"),
                Map.entry("late", "{\"ts\": " + T0 + ", \"value\": 4}")));

        History h = KafkaHistoryReader.read(KafkaOptions.of(kafka.bootstrapServers(), "growing")
                .withConsumerProperties(Map.of("interceptor.classes", ProduceOnFirstPoll.class.getName())));

        assertTrue(ProduceOnFirstPoll.ran, "the interceptor should have produced while the reader was polling");
        assertEquals(List.of("s"), h.series().stream().map(Series::id).toList(), "no series written after start");
        assertArrayEquals(new double[] {1, 2}, h.series().get(0).values(), "only records present at the start");
    }

    @Test
    void aBadRecordIsReportedWithTopicPartitionAndOffset() {
        kafka.createTopic("bad", 3);
        List<RecordMetadata> written = kafka.produce(List.of(
                new ProducerRecord<>("bad", 2, "s", "{\"ts\": " + T0 + ", \"value\": 1}"),
                new ProducerRecord<>("bad", 2, "s", "{\"ts\": " + (T0 + 1) + ", \"value\": \"high\"}")));

        String m = fail(KafkaOptions.of(kafka.bootstrapServers(), "bad"));

        assertContains(m, "topic 'bad'", "partition 2", "offset " + written.get(1).offset(), "series 's'",
                "field 'value'", "found \"high\"", "expected a finite JSON number");
    }

    @Test
    void aRecordWithoutKeyIsReported() {
        kafka.createTopic("nokey", 1);
        kafka.produce(List.of(new ProducerRecord<>("nokey", 0, null, "{\"ts\": " + T0 + ", \"value\": 1}")));

        assertContains(fail(KafkaOptions.of(kafka.bootstrapServers(), "nokey")), "topic 'nokey'", "partition 0",
                "offset 0", "field 'key'", "found null", "series id");
    }

    @Test
    void recordsMustHaveExactlyTheFeaturesOfTheFirstRecord() {
        kafka.createTopic("missing", 1);
        kafka.createTopic("extra", 1);
        String both = "{\"ts\": " + T0 + ", \"values\": {\"cpu\": 1, \"mem\": 2}}";
        kafka.produce("missing", List.of(Map.entry("s", both),
                Map.entry("s", "{\"ts\": " + (T0 + 1) + ", \"values\": {\"cpu\": 1}}")));
        kafka.produce("extra", List.of(Map.entry("s", both),
                Map.entry("s", "{\"ts\": " + (T0 + 1) + ", \"values\": {\"cpu\": 1, \"mem\": 2, \"disk\": 3}}")));

        assertContains(fail(KafkaOptions.of(kafka.bootstrapServers(), "missing")), "topic 'missing'", "partition 0",
                "offset 1", "series 's'", "field 'values.mem'", "found nothing", "[cpu, mem]", "first record");
        assertContains(fail(KafkaOptions.of(kafka.bootstrapServers(), "extra")), "topic 'extra'", "offset 1",
                "field 'values.disk'", "found 3.0", "only the features [cpu, mem]");
        assertContains(fail(KafkaOptions.of(kafka.bootstrapServers(), "extra").withFeatures("load")),
                "offset 0", "field 'values.load'", "found nothing", "the features option");
    }

    @Test
    void aMissingTopicIsNamed() {
        String m = fail(KafkaOptions.of(kafka.bootstrapServers(), "no-such-topic").withTimeout(Duration.ofSeconds(10)));
        assertEquals("topic 'no-such-topic' does not exist on " + kafka.bootstrapServers(), m, "missing topic");
    }

    @Test
    void anEmptyTopicIsAnError() {
        kafka.createTopic("empty", 2);
        assertContains(fail(KafkaOptions.of(kafka.bootstrapServers(), "empty")), "topic 'empty'", "is empty",
                "2 partitions");
    }

    @Test
    void anUnreachableBrokerFailsWithinTheTimeout() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String bootstrap = "localhost:" + port;
        long started = System.nanoTime();

        String m = fail(KafkaOptions.of(bootstrap, "metrics").withTimeout(Duration.ofSeconds(2)));

        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertContains(m, "could not reach Kafka at " + bootstrap + " within 2s");
        assertTrue(tookMillis < 15_000, "should give up soon after the 2 s timeout, took " + tookMillis + " ms");
    }

    private static String fail(KafkaOptions options) {
        return assertThrows(HistoryException.class, () -> KafkaHistoryReader.read(options),
                "reading topic '" + options.topic() + "' should fail").getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected the message to contain '" + part + "' but was: "
                    + message);
        }
    }

    /** Runs {@link #action} once, on the reader's first poll: after the end offsets were taken. */
    public static final class ProduceOnFirstPoll implements ConsumerInterceptor<byte[], byte[]> {
        static volatile Runnable action;
        static volatile boolean ran;

        @Override
        public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
            if (!ran && action != null) {
                ran = true;
                action.run();
            }
            return records;
        }

        @Override
        public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }
}
