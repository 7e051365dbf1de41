package dev.vigil.streamer.topology;

import dev.vigil.streamer.metrics.StreamerMetrics;
import dev.vigil.streamer.output.DeadLetters;
import dev.vigil.streamer.output.DeadLetters.Reason;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record that cannot be applied to the dead-letter topic, key and value unchanged, with headers naming the
 * reason, field, value found, what was expected and where it came from; logs the same and counts it.
 */
final class DeadLetterRouter {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRouter.class);

    private final ProcessorContext<byte[], byte[]> context;
    private final StreamerMetrics metrics;
    private final String sink;

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
        LOG.warn("dead-lettered record from {}-{} offset {}: {} field '{}' found {}, expected {}", topic, partition,
                offset, reason.code(), field, value, expected);
        metrics.deadLettered(reason.code());
        context.forward(new Record<>(record.key(), record.value(), record.timestamp(),
                DeadLetters.headers(record.headers(), reason, field, value, expected, topic, partition, offset)), sink);
    }
}
