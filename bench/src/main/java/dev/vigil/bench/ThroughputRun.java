package dev.vigil.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one Kafka Streams app over the whole input topic, from offset 0, and times it: from the moment the app is
 * RUNNING (partitions assigned) until the output topic's end offsets add up to the number of input records, so every
 * output is readable. The process's CPU time over the same interval gives CPU per record; the broker runs in its own
 * process and is not counted.
 */
final class ThroughputRun {

    /**
     * What one app did over the input; {@code laterRecords} in {@code laterNanos} are the records after the first
     * {@code records - laterRecords} (for the streamer: the scored points after every series' warm-up).
     */
    record Result(long records, long nanos, long cpuNanos, long laterRecords, long laterNanos) {

        double recordsPerSecond() {
            return records / (nanos / 1e9);
        }

        /** The rate over the later records alone, NaN when there were none. */
        double laterRecordsPerSecond() {
            return laterRecords == 0 || laterNanos <= 0 ? Double.NaN : laterRecords / (laterNanos / 1e9);
        }

        double cpuMicrosPerRecord() {
            return cpuNanos / 1e3 / records;
        }
    }

    private static final Duration POLL = Duration.ofMillis(50);

    private ThroughputRun() {
    }

    /**
     * Starts {@code topology} and waits until {@code outputTopic} holds {@code expected} records, noting when it held
     * the first {@code firstPart} of them. The app is left running, for the caller to measure more or close.
     */
    static Result run(Topology topology, Properties props, String outputTopic, long expected, long firstPart,
                      Duration timeout, AtomicReference<KafkaStreams> started) throws InterruptedException {
        KafkaStreams streams = new KafkaStreams(topology, props);
        started.set(streams);
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            failure.set(e);
            running.countDown();
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .SHUTDOWN_CLIENT;
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> offsets = offsetReader(props)) {
            List<TopicPartition> partitions = offsets.partitionsFor(outputTopic).stream()
                    .map(p -> new TopicPartition(outputTopic, p.partition())).toList();
            offsets.assign(partitions);
            long before = endOffsets(offsets, partitions);
            streams.start();
            if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS) || failure.get() != null) {
                throw new IllegalStateException("the app did not reach RUNNING", failure.get());
            }
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            long tFirstPart = firstPart <= 0 ? t0 : -1;
            while (true) {
                long done = endOffsets(offsets, partitions) - before;
                if (tFirstPart < 0 && done >= firstPart) {
                    tFirstPart = System.nanoTime();
                }
                if (done >= expected) {
                    break;
                }
                if (failure.get() != null) {
                    throw new IllegalStateException("the app failed", failure.get());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out: " + (endOffsets(offsets, partitions) - before)
                            + " of " + expected + " records on " + outputTopic);
                }
                Thread.sleep(POLL.toMillis());
            }
            long end = System.nanoTime();
            long later = tFirstPart < 0 ? 0 : expected - Math.max(0, firstPart);
            return new Result(expected, end - t0, processCpuNanos() - cpu0, later, tFirstPart < 0 ? 0 : end - tFirstPart);
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static KafkaConsumer<byte[], byte[]> offsetReader(Properties streamsProps) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, streamsProps.getProperty("bootstrap.servers"));
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static long endOffsets(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions) {
        return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
}
