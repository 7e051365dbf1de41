package dev.vigil.streamer.topology;

import dev.vigil.input.BadInputException;
import dev.vigil.streamer.input.DecodedPoint;
import dev.vigil.streamer.input.PointDecoder;
import dev.vigil.streamer.metrics.StreamerMetrics;
import dev.vigil.streamer.output.DeadLetters;
import dev.vigil.streamer.output.OutputJson;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The input stage for agent formats (Telegraf, line protocol, Prometheus, OpenTelemetry): decodes each record into
 * its points, which may belong to many series, and re-keys every point by its series id into the points topic, so
 * that all points of a series reach the same task whatever partition the agent wrote them to.
 */
final class FanOutProcessor implements Processor<byte[], byte[], byte[], byte[]> {

    private final PointDecoder decoder;
    private final StreamerMetrics metrics;
    private ProcessorContext<byte[], byte[]> context;
    private DeadLetterRouter deadLetters;

    FanOutProcessor(PointDecoder decoder, StreamerMetrics metrics) {
        this.decoder = decoder;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.deadLetters = new DeadLetterRouter(context, metrics, VigilTopology.FAN_OUT_DEAD_LETTER_SINK);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.recordIn();
        List<DecodedPoint> points;
        try {
            points = decoder.decode(record.key(), record.value());
        } catch (BadInputException e) {
            deadLetters.send(record, DeadLetters.Reason.INVALID_RECORD, e.field(), e.value(), e.expected());
            return;
        }
        for (DecodedPoint point : points) {
            RecordHeaders headers = new RecordHeaders();
            if (!point.counters().isEmpty()) {
                headers.add(VigilTopology.COUNTERS_HEADER,
                        String.join(",", point.counters()).getBytes(StandardCharsets.UTF_8));
            }
            byte[] value = OutputJson.write(new NativePoint(point.tsMillis(), point.values(), point.labels()));
            context.forward(new Record<>(point.series().getBytes(StandardCharsets.UTF_8), value, point.tsMillis(),
                    headers), VigilTopology.POINTS_SINK);
        }
    }

    /** A point in Vigil's own JSON form, as the series processor reads it. */
    record NativePoint(long ts, Map<String, Double> values, Map<String, String> labels) {
    }
}
