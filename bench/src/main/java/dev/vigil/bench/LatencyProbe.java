package dev.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end latency at a fixed rate: a producer paced at {@code rate} points/s sends fresh points (the steps after
 * the bulk input, series in turn) and notes each send time; a consumer of the scores topic, in the same JVM, looks
 * up the send time of every score record's {@code (series, ts)} and records how long after the send the score was
 * readable. The producer lingers {@value #PRODUCER_LINGER_MS} ms; the app runs with its own settings.
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

    private static final ObjectMapper JSON = new ObjectMapper();
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
        Map<String, Sent> sentAt = new ConcurrentHashMap<>();
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers);
             KafkaProducer<String, byte[]> producer = InputPoints.producer(bootstrapServers, PRODUCER_LINGER_MS)) {
            List<TopicPartition> partitions = consumer.partitionsFor(scoresTopic).stream()
                    .map(p -> new TopicPartition(scoresTopic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            long[] bySecond = new long[(int) (warmUp.toSeconds() + Math.max(1, duration.toSeconds())) + 1];
            long intervalNanos = (long) (1e9 / rate);
            long start = System.nanoTime();
            Thread reader = new Thread(() -> read(consumer, sentAt, histogram, total, start, bySecond),
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
                String id = InputPoints.seriesId(s);
                sentAt.put(id + "@" + input.timestamp(step), new Sent(System.nanoTime(), i >= warmUpPoints));
                producer.send(new ProducerRecord<>(inputTopic, id, input.value(s, step)));
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

    /** When a point was sent, and whether it was sent after the warm-up. */
    private record Sent(long nanos, boolean measured) {
    }

    /**
     * Reads score records until every sent point has one, or the thread is interrupted; the points sent after the
     * warm-up go into the histogram.
     */
    private static void read(KafkaConsumer<String, String> consumer, Map<String, Sent> sentAt, Histogram histogram,
                             long total, long start, long[] maxBySecond) {
        long received = 0;
        while (received < total && !Thread.currentThread().isInterrupted()) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                long now = System.nanoTime();
                Sent sent = sentAt.remove(key(record));
                if (sent != null) {
                    received++;
                    long micros = Math.min(histogram.getHighestTrackableValue(),
                            TimeUnit.NANOSECONDS.toMicros(now - sent.nanos()));
                    if (sent.measured()) {
                        histogram.recordValue(micros);
                    }
                    int second = (int) Math.min(maxBySecond.length - 1, (sent.nanos() - start) / 1_000_000_000L);
                    maxBySecond[second] = Math.max(maxBySecond[second], micros);
                }
            }
        }
    }

    private static String key(ConsumerRecord<String, String> record) {
        try {
            JsonNode score = JSON.readTree(record.value());
            return score.path("series").asText() + "@" + score.path("ts").asLong();
        } catch (IOException e) {
            return "";
        }
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
