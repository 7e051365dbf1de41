package dev.vigil.streamer.topology;

import dev.vigil.streamer.metrics.StreamerMetrics;
import dev.vigil.streamer.output.DeadLetters;
import dev.vigil.streamer.output.DeadLetters.Reason;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;

/**
 * Sends a record that cannot be applied to the dead-letter topic, key and value unchanged, with headers naming the
 * reason, field, value found, what was expected and where it came from; counts it, and logs it, at most once per
 * reason every {@value #LOG_INTERVAL_MS} ms with the number of records not logged since, so a flood of bad input
 * cannot flood the log.
 */
final class DeadLetterRouter {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRouter.class);

    private final ProcessorContext<byte[], byte[]> context;
    private final StreamerMetrics metrics;
    private final String sink;
    private final Map<Reason, long[]> logged = new EnumMap<>(Reason.class);

    static final long LOG_INTERVAL_MS = 10_000;

    DeadLetterRouter(ProcessorContext<byte[], byte[]> context, StreamerMetrics metrics, String sink) {
        this.context = context;
        this.metrics = metrics;
        this.sink = sink;
    }

    void send(Record<byte[], byte[]> record, Reason reason, String field, String value, String expected) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        String topic = meta == null ? "" : meta.topic();
        int partition = meta == null ? -1 : meta.partition();
        long offset = meta == null ? -1 : meta.offset();
        long[] last = logged.computeIfAbsent(reason, r -> new long[] {0, 0});
        long now = System.currentTimeMillis();
        if (now - last[0] >= LOG_INTERVAL_MS) {
            LOG.warn("dead-lettered record from {}-{} offset {}: {} field '{}' found {}, expected {}{}", topic,
                    partition, offset, reason.code(), field, value, expected,
                    last[1] > 0 ? " (" + last[1] + " more " + reason.code() + " records since the last such line)" : "");
            last[0] = now;
            last[1] = 0;
        } else {
            last[1]++;
        }
        metrics.deadLettered(reason.code());
        context.forward(new Record<>(record.key(), record.value(), record.timestamp(),
                DeadLetters.headers(record.headers(), reason, field, value, expected, topic, partition, offset)), sink);
    }
}
