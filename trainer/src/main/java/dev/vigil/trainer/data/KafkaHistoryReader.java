package dev.vigil.trainer.data;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads history from a metrics topic: each record's key is a series id (UTF-8), its value Vigil's JSON input
 * format ({@code {"ts": ..., "value": ...}} or {@code {"ts": ..., "values": {...}}}).
 *
 * <p>Reads every partition without a consumer group, from the earliest offsets up to the end offsets found at the
 * start, then stops: records written meanwhile are not read. The features are {@link KafkaOptions#features()}, or
 * those of the first record read, sorted by name; every record must have exactly those. A record without key or
 * with an unusable value is an error naming topic, partition, offset, field, value and what was expected. Repairs
 * are those of the CSV reader: rows are sorted by time, and of rows with the same timestamp the last one read is
 * kept. The step interval is {@link KafkaOptions#stepMillis()}, else the median spacing of the timestamps.
 */
public final class KafkaHistoryReader {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaHistoryReader.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long PROGRESS_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private KafkaHistoryReader() {
    }

    /**
     * Reads the topic the options name.
     *
     * @throws HistoryException when Kafka cannot be reached within the timeout, the topic is missing or empty, or a
     *                          record cannot be trained on
     */
    public static History read(KafkaOptions options) {
        String where = options.bootstrapServers();
        String topic = options.topic();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(options),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, options.timeout());
            if (infos == null || infos.isEmpty()) {
                throw new HistoryException("topic '" + topic + "' does not exist on " + where);
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions, options.timeout());
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, options.timeout());
            long total = partitions.stream().mapToLong(tp -> end.get(tp) - start.get(tp)).sum();
            if (total == 0) {
                throw new HistoryException("topic '" + topic + "' on " + where + " is empty: its "
                        + partitions.size() + " partitions hold no records");
            }
            LOG.info("Reading {} records from topic '{}' ({} partitions) on {}", total, topic, partitions.size(),
                    where);
            start.forEach(consumer::seek);
            TopicSeriesCollector collector = readUntil(consumer, end, total, options);
            String source = "kafka:" + topic;
            List<Series> series = collector.series(source);
            long step = options.stepMillis() > 0 ? options.stepMillis()
                    : SeriesRepair.medianStepMillis(source, series);
            History history = new History(source, collector.features(), series, step);
            LOG.info("Read {} series, {} points, features {} from {}; step {} ms", series.size(), history.points(),
                    history.features(), source, step);
            return history;
        } catch (TimeoutException e) {
            throw new HistoryException("could not reach Kafka at " + where + " within " + seconds(options.timeout())
                    + ": " + e.getMessage(), e);
        } catch (KafkaException e) {
            throw new HistoryException("could not read topic '" + topic + "' from Kafka at " + where + ": "
                    + rootMessage(e), e);
        }
    }

    private static TopicSeriesCollector readUntil(KafkaConsumer<byte[], byte[]> consumer,
                                                  Map<TopicPartition, Long> end, long total, KafkaOptions options) {
        TopicSeriesCollector collector = new TopicSeriesCollector(options.topic(), options.features());
        Set<TopicPartition> remaining = new HashSet<>(end.keySet());
        long read = 0;
        long lastProgress = System.nanoTime();
        long lastRecord = lastProgress;
        while (true) {
            for (TopicPartition tp : List.copyOf(remaining)) {
                if (consumer.position(tp, options.timeout()) >= end.get(tp)) {
                    remaining.remove(tp);
                    consumer.pause(List.of(tp));
                }
            }
            if (remaining.isEmpty()) {
                return collector;
            }
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            for (TopicPartition tp : records.partitions()) {
                long stop = end.get(tp);
                for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                    if (record.offset() < stop) {
                        collector.add(record);
                        read++;
                    }
                }
            }
            long now = System.nanoTime();
            if (!records.isEmpty()) {
                lastRecord = now;
            } else if (now - lastRecord > options.timeout().toNanos()) {
                throw new HistoryException("no records from topic '" + options.topic() + "' on "
                        + options.bootstrapServers() + " for " + seconds(options.timeout()) + ", with " + read
                        + " of " + total + " records read; partitions not finished: " + remaining);
            }
            if (now - lastProgress > PROGRESS_EVERY_NANOS) {
                LOG.info("Read {} of {} records from topic '{}'", read, total, options.topic());
                lastProgress = now;
            }
        }
    }

    private static Map<String, Object> consumerConfig(KafkaOptions options) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-trainer-history");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putAll(options.consumerProperties());
        return config;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }
}
