package dev.vigil.trainer.data;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link KafkaHistoryReader} reads and how.
 *
 * @param bootstrapServers    Kafka's {@code bootstrap.servers}
 * @param topic               the metrics topic: key = series id, value = Vigil's JSON input format
 * @param features            the features to read, in this order; empty takes them from the first record, sorted
 *                            by name
 * @param stepMillis          the step interval; 0 infers it as the median spacing of the timestamps
 * @param timeout             how long to wait for the broker, and for progress while reading; 30 s by default
 * @param consumerProperties  extra consumer settings (security, client id, ...), applied over the reader's own
 */
public record KafkaOptions(String bootstrapServers, String topic, List<String> features, long stepMillis,
                           Duration timeout, Map<String, String> consumerProperties) {

    /** {@link #timeout()} when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public KafkaOptions {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers: found an empty value, expected host:port[,...]");
        }
        if (topic.isBlank()) {
            throw new IllegalArgumentException("topic: found an empty value, expected a topic name");
        }
        features = features == null ? List.of() : List.copyOf(features);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: found " + timeout + ", expected a positive duration");
        }
        consumerProperties = consumerProperties == null ? Map.of() : Map.copyOf(consumerProperties);
        if (stepMillis < 0) {
            throw new IllegalArgumentException("stepMillis: found " + stepMillis + ", expected > 0, or 0 to infer it");
        }
    }

    /** Reads the whole topic with the default timeout, taking the features from the first record. */
    public static KafkaOptions of(String bootstrapServers, String topic) {
        return new KafkaOptions(bootstrapServers, topic, List.of(), 0, DEFAULT_TIMEOUT, Map.of());
    }

    public KafkaOptions withFeatures(List<String> names) {
        return new KafkaOptions(bootstrapServers, topic, names, stepMillis, timeout, consumerProperties);
    }

    public KafkaOptions withFeatures(String... names) {
        return withFeatures(List.of(names));
    }

    public KafkaOptions withStepMillis(long millis) {
        return new KafkaOptions(bootstrapServers, topic, features, millis, timeout, consumerProperties);
    }

    public KafkaOptions withTimeout(Duration value) {
        return new KafkaOptions(bootstrapServers, topic, features, stepMillis, value, consumerProperties);
    }

    public KafkaOptions withConsumerProperties(Map<String, String> properties) {
        return new KafkaOptions(bootstrapServers, topic, features, stepMillis, timeout, properties);
    }
}
