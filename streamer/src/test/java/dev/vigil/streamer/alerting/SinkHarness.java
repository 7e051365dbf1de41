package dev.vigil.streamer.alerting;

import dev.vigil.streamer.output.AnomalyEvent;
import dev.vigil.streamer.output.OutputJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sink on a mock consumer (one partition of the anomalies topic) posting to a {@link FakeAlertmanager}, with a
 * short refresh and a short backoff so the tests run in a second or two.
 */
final class SinkHarness implements AutoCloseable {

    static final String TOPIC = "vigil-anomalies";
    static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    static final String DASHBOARD = "http://grafana/d/vigil?var-series={series}";

    final SlowMockConsumer consumer = new SlowMockConsumer();
    final AlertmanagerSink sink;
    private long nextOffset;

    SinkHarness(FakeAlertmanager am, Duration refresh, Backoff backoff) throws InterruptedException {
        consumer.updateBeginningOffsets(Map.of(TP, 0L));
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(TP)));
        sink = new AlertmanagerSink(new SinkLoop(consumer, TOPIC, new AlertmanagerClient(am.url(),
                Duration.ofSeconds(2)), new AlertTranslator(DASHBOARD), refresh, backoff, Clock.systemUTC()));
        sink.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (consumer.assignment().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the sink never polled");
            }
            Thread.sleep(5);
        }
    }

    /** Appends the events to the partition, all in one poll's worth. */
    void send(AnomalyEvent... events) {
        synchronized (consumer) {
            for (AnomalyEvent event : events) {
                append(OutputJson.write(event), event.series());
            }
        }
    }

    /** Appends a record that is not an anomaly event. */
    void sendGarbage() {
        append("{not json".getBytes(StandardCharsets.UTF_8), "garbage");
    }

    private synchronized void append(byte[] value, String key) {
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, nextOffset++, key.getBytes(StandardCharsets.UTF_8), value));
    }

    /** The committed offset, -1 for none. */
    long committed() {
        OffsetAndMetadata offset = consumer.committed(Set.of(TP)).get(TP);
        return offset == null ? -1 : offset.offset();
    }

    /** Waits until the committed offset is {@code expected}. */
    void awaitCommitted(long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (committed() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("committed offset " + committed() + ", expected " + expected);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        sink.close();
    }

    /** A mock consumer whose empty polls take a moment, as real ones do, so the loop does not spin. */
    static final class SlowMockConsumer extends MockConsumer<byte[], byte[]> {

        SlowMockConsumer() {
            super("earliest");
        }

        @Override
        public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
            if (records.isEmpty()) {
                try {
                    Thread.sleep(Math.min(timeout.toMillis(), 10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptException(e);
                }
            }
            return records;
        }
    }
}
