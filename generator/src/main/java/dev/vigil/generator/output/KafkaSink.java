package dev.vigil.generator.output;

import dev.vigil.generator.Label;
import dev.vigil.generator.MetricSink;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends points to a metrics topic (key = series id, value {@link PointJson#point}) and labels to a labels topic
 * (key = series id, value {@link PointJson#label}). The producer's default partitioner keeps each series in one
 * partition. Missing topics are created with the broker's default partition count and replication factor.
 */
public final class KafkaSink implements MetricSink, AutoCloseable {

    public static final String DEFAULT_TOPIC = "metrics";
    public static final String DEFAULT_LABELS_TOPIC = "vigil-labels";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);

    /**
     * @param bootstrapServers the brokers
     * @param topic            the metrics topic
     * @param labelsTopic      the labels topic, or null for none
     * @param producerProperties extra producer settings (security, client id, ...), over the sink's defaults
     * @param timeout          bound of every wait for the broker
     */
    public record Settings(String bootstrapServers, String topic, String labelsTopic,
                           Map<String, String> producerProperties, Duration timeout) {

        public Settings {
            producerProperties = Map.copyOf(producerProperties);
        }
    }

    private final Settings settings;
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    private KafkaSink(Settings settings, KafkaProducer<String, byte[]> producer) {
        this.settings = settings;
        this.producer = producer;
    }

    /**
     * Checks that the brokers answer, creates missing topics and opens the producer.
     *
     * @throws KafkaSinkException naming the servers and the topic when the brokers do not answer within the timeout
     *                            or a topic cannot be created
     */
    public static KafkaSink open(Settings settings) {
        ensureTopics(settings);
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.timeout().toMillis());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-generator");
        props.putAll(settings.producerProperties());
        return new KafkaSink(settings, new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer()));
    }

    @Override
    public void point(String series, long ts, double value) {
        send(settings.topic(), series, PointJson.point(ts, value));
    }

    @Override
    public void label(Label label) {
        if (settings.labelsTopic() != null) {
            send(settings.labelsTopic(), label.series(), PointJson.label(label));
        }
    }

    private void send(String topic, String key, byte[] value) {
        Exception failed = failure.get();
        if (failed != null) {
            throw new KafkaSinkException("sending to '" + topic + "' on " + settings.bootstrapServers() + " failed: "
                    + failed.getMessage(), failed);
        }
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    /** Waits until everything sent is acknowledged. */
    public void flush() {
        producer.flush();
        Exception failed = failure.get();
        if (failed != null) {
            throw new KafkaSinkException("sending to " + settings.bootstrapServers() + " failed: "
                    + failed.getMessage(), failed);
        }
    }

    @Override
    public void close() {
        producer.close(settings.timeout());
    }

    private static void ensureTopics(Settings settings) {
        List<String> wanted = new ArrayList<>(List.of(settings.topic()));
        if (settings.labelsTopic() != null) {
            wanted.add(settings.labelsTopic());
        }
        Map<String, Object> props = new HashMap<>(settings.producerProperties());
        props.keySet().retainAll(AdminClientConfig.configNames());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.timeout().toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(settings.timeout().toMillis(), 10_000));
        long waitMs = settings.timeout().toMillis();
        try (Admin admin = Admin.create(props)) {
            Set<String> existing;
            try {
                admin.describeCluster().nodes().get(waitMs, TimeUnit.MILLISECONDS);
                existing = admin.listTopics().names().get(waitMs, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                throw new KafkaSinkException("no answer from Kafka at " + settings.bootstrapServers() + " within "
                        + settings.timeout().toSeconds() + " s" + cause(e), e);
            }
            for (String topic : wanted) {
                if (!existing.contains(topic)) {
                    create(admin, topic, settings, waitMs);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaSinkException("interrupted while checking the topics on " + settings.bootstrapServers(), e);
        }
    }

    private static void create(Admin admin, String topic, Settings settings, long waitMs) throws InterruptedException {
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all()
                    .get(waitMs, TimeUnit.MILLISECONDS);
            LOG.info("Created topic '{}' on {} with the broker's default partitions and replication", topic,
                    settings.bootstrapServers());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaSinkException("topic '" + topic + "' does not exist on " + settings.bootstrapServers()
                        + " and could not be created" + cause(e) + "; create it first", e);
            }
        } catch (TimeoutException e) {
            throw new KafkaSinkException("creating topic '" + topic + "' on " + settings.bootstrapServers()
                    + " took over " + settings.timeout().toSeconds() + " s", e);
        }
    }

    private static String cause(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : null;
        return cause == null ? "" : " (" + cause.getMessage() + ")";
    }

    /** Kafka refused or never answered; the message names the servers and, where it applies, the topic. */
    public static final class KafkaSinkException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        KafkaSinkException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
