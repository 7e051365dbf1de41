package dev.vigil.bench;

import dev.vigil.input.BadInputException;
import dev.vigil.input.MetricPoint;
import dev.vigil.input.MetricPointParser;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The baseline (a): consume the metrics topic as bytes, parse every value with the streamer's own
 * {@link MetricPointParser}, write one small record per point. No state, no model: what Kafka Streams and the input
 * format cost on their own. A bad record is written as an error line, so the output count always equals the input.
 */
final class PassThroughTopology {

    private PassThroughTopology() {
    }

    static Topology build(String inputTopic, String outputTopic) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputTopic, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .mapValues((key, value) -> render(key, value))
                .to(outputTopic, Produced.with(Serdes.String(), Serdes.ByteArray()));
        return builder.build();
    }

    private static byte[] render(String key, byte[] value) {
        StringBuilder out = new StringBuilder(64).append("{\"series\":\"").append(key).append('"');
        try {
            MetricPoint point = MetricPointParser.parse(value);
            out.append(",\"ts\":").append(point.tsMillis());
            for (Map.Entry<String, Double> feature : point.values().entrySet()) {
                out.append(",\"").append(feature.getKey()).append("\":").append(feature.getValue());
            }
        } catch (BadInputException e) {
            out.append(",\"error\":\"bad input\"");
        }
        return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
}
