package dev.vigil.trainer.data;

import dev.vigil.input.BadInputException;
import dev.vigil.input.MetricPoint;
import dev.vigil.input.MetricPointParser;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns metrics records into series for {@link KafkaHistoryReader}: key = series id, value = Vigil's JSON input
 * format. Every record must carry exactly the features of the features option, or of the first record read.
 */
final class TopicSeriesCollector {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSeriesCollector.class);

    private final String topic;
    private final Map<String, SeriesBuilder> series = new HashMap<>();
    private List<String> features;
    private String featuresFrom;
    private double[] row;

    TopicSeriesCollector(String topic, List<String> features) {
        this.topic = topic;
        if (!features.isEmpty()) {
            use(features, "the features option");
        }
    }

    void add(ConsumerRecord<byte[], byte[]> record) {
        String id = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        if (id.isEmpty()) {
            throw bad(record, null, "key", record.key() == null ? "null" : "an empty key",
                    "the series id as a non-empty UTF-8 record key");
        }
        MetricPoint point;
        try {
            point = MetricPointParser.parse(record.value());
        } catch (BadInputException e) {
            throw bad(record, id, e.field(), e.value(), e.expected());
        }
        if (features == null) {
            use(new ArrayList<>(new TreeMap<>(point.values()).keySet()),
                    "the first record, partition " + record.partition() + " offset " + record.offset());
            LOG.info("Topic '{}': features {} taken from {}", topic, features, featuresFrom);
        }
        for (int f = 0; f < features.size(); f++) {
            Double value = point.values().get(features.get(f));
            if (value == null) {
                throw bad(record, id, field(features.get(f)), "nothing",
                        "a number, as every record must have the features " + features + " (from " + featuresFrom
                                + ")");
            }
            row[f] = value;
        }
        if (point.values().size() != features.size()) {
            Map.Entry<String, Double> extra = new TreeMap<>(point.values()).entrySet().stream()
                    .filter(e -> !features.contains(e.getKey())).findFirst().orElseThrow();
            throw bad(record, id, field(extra.getKey()), String.valueOf(extra.getValue()),
                    "only the features " + features + " (from " + featuresFrom + ")");
        }
        series.computeIfAbsent(id, k -> new SeriesBuilder(k, row.length)).add(point.tsMillis(), row);
    }

    /** The features every record had; empty when no record was read. */
    List<String> features() {
        return features == null ? List.of() : features;
    }

    /** The series read so far, repaired, sorted by id. */
    List<Series> series(String source) {
        List<Series> result = new ArrayList<>(series.size());
        new TreeMap<>(series).values().forEach(b -> result.add(b.build(source)));
        return result;
    }

    private void use(List<String> names, String from) {
        if (names.stream().distinct().count() != names.size()) {
            throw new HistoryException("features " + names + " name a feature twice, expected unique names");
        }
        features = List.copyOf(names);
        featuresFrom = from;
        row = new double[names.size()];
    }

    private static String field(String feature) {
        return MetricPoint.SINGLE_FEATURE.equals(feature) ? feature : "values." + feature;
    }

    private HistoryException bad(ConsumerRecord<?, ?> record, String id, String field, String value,
                                 String expected) {
        String series = id == null ? "" : ", series '" + id + "'";
        return new HistoryException("topic '" + topic + "', partition " + record.partition() + ", offset "
                + record.offset() + series + ": field '" + field + "': found " + value + ", expected " + expected);
    }
}
