package dev.vigil.streamer.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.output.DeadLetters;
import dev.vigil.streamer.output.OutputJson;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Follows the scores and dead-letter topics from the start in its own thread, as an outside reader would: notes,
 * for every point ({@code series@ts}), how many score records it got, their statuses and when the first arrived,
 * and counts dead letters by reason. Assigns partitions instead of joining a group, and rides out a broker outage.
 */
final class BrokerOutageScores implements AutoCloseable {

    /** What the scores topic said about one point. */
    record Point(long firstNanos, int records, List<String> statuses) {
    }

    private final String scoresTopic;
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private final Map<String, Point> points = new HashMap<>();
    private final Map<String, Integer> deadLetters = new TreeMap<>();
    private volatile boolean stopping;
    private volatile RuntimeException failure;

    private BrokerOutageScores(String bootstrapServers, String scoresTopic, String deadLetterTopic) {
        this.scoresTopic = scoresTopic;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(scoresTopic, deadLetterTopic)) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::run, "broker-outage-scores");
    }

    static BrokerOutageScores follow(String bootstrapServers, String scoresTopic, String deadLetterTopic) {
        BrokerOutageScores scores = new BrokerOutageScores(bootstrapServers, scoresTopic, deadLetterTopic);
        scores.thread.start();
        return scores;
    }

    static String key(String series, long ts) {
        return series + "@" + ts;
    }

    synchronized Point point(String key) {
        return points.get(key);
    }

    synchronized Map<String, Integer> deadLetters() {
        return Map.copyOf(deadLetters);
    }

    /** Score records beyond the first, over all points. */
    synchronized int duplicates() {
        return points.values().stream().mapToInt(p -> p.records() - 1).sum();
    }

    synchronized int records() {
        return points.values().stream().mapToInt(Point::records).sum();
    }

    /** Waits until every key has at least one score record; returns the keys still without one. */
    List<String> awaitAll(Collection<String> keys, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> missing;
            if (failure != null) {
                throw new AssertionError("the reader of " + scoresTopic + " failed", failure);
            }
            synchronized (this) {
                missing = keys.stream().filter(k -> !points.containsKey(k)).toList();
            }
            if (missing.isEmpty() || System.nanoTime() > deadline) {
                return missing;
            }
            Thread.sleep(50);
        }
    }

    private void run() {
        try {
            while (!stopping) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    if (r.topic().equals(scoresTopic)) {
                        JsonNode score = json(r.value());
                        add(key(r.key(), score.get("ts").asLong()), score.get("status").asText(), now);
                    } else {
                        Header reason = r.headers().lastHeader(DeadLetters.REASON);
                        deadLetter(reason == null ? "(none)" : new String(reason.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (InterruptException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private synchronized void add(String key, String status, long now) {
        Point before = points.get(key);
        if (before == null) {
            points.put(key, new Point(now, 1, List.of(status)));
        } else {
            List<String> statuses = new ArrayList<>(before.statuses());
            statuses.add(status);
            points.put(key, new Point(before.firstNanos(), before.records() + 1, statuses));
        }
    }

    private synchronized void deadLetter(String reason) {
        deadLetters.merge(reason, 1, Integer::sum);
    }

    private static JsonNode json(String value) {
        try {
            return OutputJson.mapper().readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
