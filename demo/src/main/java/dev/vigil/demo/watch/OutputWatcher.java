package dev.vigil.demo.watch;

import dev.vigil.streamer.output.AnomalyEvent;
import dev.vigil.streamer.output.DeadLetters;
import dev.vigil.streamer.output.OutputJson;
import dev.vigil.streamer.topology.StreamerSettings;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the streamer's scores, anomalies and dead letters from the start of their topics in a thread of its own,
 * and keeps the counts and every anomaly event. Reads without a consumer group, so nothing is committed.
 */
public final class OutputWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutputWatcher.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final StreamerSettings topics;
    private final Thread thread;
    private final ScoreFields score = new ScoreFields();
    private final List<AnomalyEvent> events = new ArrayList<>();
    private final Map<String, Long> deadLetterReasons = new HashMap<>();
    private long scores;
    private long warmingUp;
    private long anomalousPoints;
    private long deadLetters;
    private long lastScoredTs;
    private long opened;
    private long resolved;
    private int eventsTaken;
    private volatile boolean stopped;

    private OutputWatcher(String bootstrapServers, StreamerSettings topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-demo-watcher");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
        this.thread = new Thread(this::loop, "vigil-demo-watcher");
        thread.setDaemon(true);
    }

    /** Starts reading the output topics named in {@code topics}, which must exist. */
    public static OutputWatcher start(String bootstrapServers, StreamerSettings topics) {
        OutputWatcher watcher = new OutputWatcher(bootstrapServers, topics);
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(topics.scoresTopic(), topics.anomaliesTopic(), topics.deadLetterTopic())) {
                watcher.consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic,
                        p.partition())));
            }
            watcher.consumer.assign(partitions);
            watcher.consumer.seekToBeginning(partitions);
        } catch (RuntimeException e) {
            watcher.consumer.close();
            throw e;
        }
        watcher.thread.start();
        return watcher;
    }

    public synchronized Tally tally() {
        return new Tally(scores, warmingUp, anomalousPoints, deadLetters, deadLetterReasons, lastScoredTs, opened,
                resolved);
    }

    /** Every anomaly event read so far, in the order read. */
    public synchronized List<AnomalyEvent> events() {
        return List.copyOf(events);
    }

    /** The anomaly events read since the last call. */
    public synchronized List<AnomalyEvent> newEvents() {
        List<AnomalyEvent> fresh = List.copyOf(events.subList(eventsTaken, events.size()));
        eventsTaken = events.size();
        return fresh;
    }

    private void loop() {
        try {
            while (!stopped) {
                var records = consumer.poll(Duration.ofMillis(200));
                synchronized (this) {
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        count(record);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.warn("Reading the streamer's output failed; the summary stops counting", e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void count(ConsumerRecord<byte[], byte[]> record) {
        String topic = record.topic();
        if (topic.equals(topics.scoresTopic())) {
            scores++;
            if (score.read(record.value())) {
                warmingUp += score.warmingUp ? 1 : 0;
                anomalousPoints += score.anomalous ? 1 : 0;
                lastScoredTs = Math.max(lastScoredTs, score.ts);
            }
        } else if (topic.equals(topics.deadLetterTopic())) {
            deadLetters++;
            String reason = DeadLetters.header(record.headers(), DeadLetters.REASON);
            deadLetterReasons.merge(reason == null ? "unknown" : reason, 1L, Long::sum);
        } else {
            try {
                AnomalyEvent event = OutputJson.mapper().readValue(record.value(), AnomalyEvent.class);
                events.add(event);
                opened += "OPENED".equals(event.type()) ? 1 : 0;
                resolved += "RESOLVED".equals(event.type()) ? 1 : 0;
            } catch (IOException e) {
                LOG.warn("Unreadable anomaly event at {}-{}@{}: {}", topic, record.partition(), record.offset(),
                        e.getMessage());
            }
        }
    }

    /** Stops reading; waits a few seconds for the thread. */
    @Override
    public void close() {
        stopped = true;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
