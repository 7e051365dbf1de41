package dev.vigil.bench;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end latency at a fixed rate: a producer paced at {@code rate} points/s sends fresh points (the steps after
 * the bulk input, series in turn) and notes each send time; a consumer of the scores topic, in the same JVM, looks
 * up the send time of every score record's {@code (series, ts)} (its key and timestamp) and records how long after
 * the send the score was readable. The producer lingers {@value #PRODUCER_LINGER_MS} ms; the app runs with its own
 * settings. The probe stands in for producers and consumers that would run elsewhere, so it is kept cheap: it
 * shares the cores with the app and the broker.
 */
final class LatencyProbe {

    /** Latencies of one probe, in microseconds, and how many points were sent and scored. */
    record Result(long sent, long scored, double rate, long p50Micros, long p99Micros, long maxMicros,
                  long[] maxMicrosBySecond, long sentInAll, int warmUpSeconds) {

        /**
         * The worst latency of the points sent in each second of the phase, in ms, the warm-up's seconds first and
         * then a bar: when the slow ones were sent.
         */
        String timeline() {
            StringBuilder line = new StringBuilder();
            for (int second = 0; second < maxMicrosBySecond.length; second++) {
                line.append(second == 0 ? "" : " ").append(second == warmUpSeconds && second > 0 ? "| " : "")
                        .append(maxMicrosBySecond[second] / 1000);
            }
            return line.toString();
        }
    }

    /**
     * The probe's producer batches like a metrics agent would (Vigil's own producers default to 5 ms too): a send per
     * request at thousands of points a second loads the broker, which shares the cores, far more than real
     * producers do. The linger is part of every measured latency, since a point's clock starts at its send() call.
     */
    static final int PRODUCER_LINGER_MS = 5;

    private static final Duration DRAIN = Duration.ofSeconds(15);

    private LatencyProbe() {
    }

    /**
     * Sends at {@code rate} for {@code warmUp} and then {@code duration}; only the points sent after the warm-up
     * count in the percentiles, while the timeline shows every second.
     */
    static Result run(String bootstrapServers, InputPoints input, String inputTopic, String scoresTopic,
                      long firstStep, double rate, Duration warmUp, Duration duration) throws InterruptedException {
        int series = input.series();
        long warmUpPoints = (long) (rate * warmUp.toNanos() / 1e9);
        long total = warmUpPoints + Math.max(series, (long) (rate * duration.toNanos() / 1e9));
        // the send time of point i (the i-th sent), 0 once its score is seen: an array, not a map of strings, so
        // that the probe, which shares the cores with the app and the broker, costs them as little as it can
        AtomicLongArray sentAt = new AtomicLongArray(Math.toIntExact(total));
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        try (KafkaConsumer<byte[], Void> consumer = consumer(bootstrapServers);
             KafkaProducer<String, byte[]> producer = InputPoints.producer(bootstrapServers, PRODUCER_LINGER_MS)) {
            List<TopicPartition> partitions = consumer.partitionsFor(scoresTopic).stream()
                    .map(p -> new TopicPartition(scoresTopic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            long[] bySecond = new long[(int) (warmUp.toSeconds() + Math.max(1, duration.toSeconds())) + 1];
            long intervalNanos = (long) (1e9 / rate);
            long start = System.nanoTime();
            Sends sends = new Sends(input, firstStep, warmUpPoints, sentAt);
            Thread reader = new Thread(() -> read(consumer, sends, histogram, start, bySecond),
                    "latency-probe-reader");
            reader.start();
            for (long i = 0; i < total; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int s = (int) (i % series);
                long step = firstStep + i / series;
                byte[] value = input.value(s, step);
                sentAt.set((int) i, System.nanoTime());
                producer.send(new ProducerRecord<>(inputTopic, input.id(s), value));
            }
            producer.flush();
            reader.join(DRAIN.toMillis());
            reader.interrupt();
            reader.join();
            return new Result(total - warmUpPoints, histogram.getTotalCount(), rate,
                    histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99), histogram.getMaxValue(),
                    bySecond, total, (int) warmUp.toSeconds());
        }
    }

    /**
     * The points the probe sends, numbered in send order: point {@code i} is step {@code firstStep + i / series}
     * of series {@code i % series}, so a score's key and timestamp give its number without a lookup.
     */
    private record Sends(InputPoints input, long firstStep, long warmUpPoints, AtomicLongArray sentAt) {

        /** The number of the point a score record is for, or -1 when it is none of the probe's points. */
        int number(byte[] key, long ts) {
            int s = InputPoints.seriesIndex(key);
            long step = input.step(ts) - firstStep;
            if (s < 0 || s >= input.series() || step < 0) {
                return -1;
            }
            long i = step * input.series() + s;
            return i < sentAt.length() ? (int) i : -1;
        }
    }

    /**
     * Reads score records until every sent point has one, or the thread is interrupted; the points sent after the
     * warm-up go into the histogram. A score is matched to its point by its key (the series) and record timestamp
     * (the point's), so the probe never parses the JSON.
     */
    private static void read(KafkaConsumer<byte[], Void> consumer, Sends sends, Histogram histogram, long start,
                             long[] maxBySecond) {
        long received = 0;
        long total = sends.sentAt().length();
        while (received < total && !Thread.currentThread().isInterrupted()) {
            for (ConsumerRecord<byte[], Void> record : consumer.poll(Duration.ofMillis(20))) {
                long now = System.nanoTime();
                int i = sends.number(record.key(), record.timestamp());
                long sent = i < 0 ? 0 : sends.sentAt().getAndSet(i, 0);
                if (sent != 0) {
                    received++;
                    long micros = Math.min(histogram.getHighestTrackableValue(),
                            TimeUnit.NANOSECONDS.toMicros(now - sent));
                    if (i >= sends.warmUpPoints()) {
                        histogram.recordValue(micros);
                    }
                    int second = (int) Math.min(maxBySecond.length - 1, (sent - start) / 1_000_000_000L);
                    maxBySecond[second] = Math.max(maxBySecond[second], micros);
                }
            }
        }
    }

    private static KafkaConsumer<byte[], Void> consumer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        // the operating system's socket buffer, which grows with the traffic: with Kafka's 64 KiB the probe's reads
        // of the scores (about 13 MB/s at the default rate) stalled for about 200 ms every few seconds
        props.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, -1);
        // the value is never read: the key and the timestamp identify the point
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), (Deserializer<Void>) (topic, data) -> null);
    }
}
