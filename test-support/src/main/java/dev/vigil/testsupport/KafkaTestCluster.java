package dev.vigil.testsupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Kafka broker for integration tests ({@code *IT}). {@link #start()} runs the broker in a container when a
 * Docker engine is available, otherwise in this JVM (a single combined KRaft node); either way clients reach it at
 * {@link #bootstrapServers()}. Use it in try-with-resources or close it in {@code @AfterAll}; close is idempotent.
 *
 * <p>Quiets the broker's and Kafka clients' INFO logs when slf4j-simple is the binding, unless the test run sets
 * {@code org.slf4j.simpleLogger.log.org.apache.kafka} or {@code org.slf4j.simpleLogger.log.kafka} itself.
 */
public final class KafkaTestCluster implements AutoCloseable {

    /** The broker image run where Docker is available. */
    public static final String DEFAULT_IMAGE = "apache/kafka:4.1.0";
    /** System property naming another broker image, for example a newer 4.x tag. */
    public static final String IMAGE_PROPERTY = "vigil.test.kafka.image";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTestCluster.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    static {
        TestTopics.quietKafkaLogs();
    }

    private final AutoCloseable broker;
    private final String bootstrapServers;
    private final String description;
    private Admin admin;
    private boolean closed;

    private KafkaTestCluster(AutoCloseable broker, String bootstrapServers, String description) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
        this.description = description;
    }

    /**
     * Starts a broker: a container of {@value #DEFAULT_IMAGE} (system property {@value #IMAGE_PROPERTY} overrides
     * the image) when Docker is available, else an in-JVM broker; waits until it accepts clients.
     */
    public static KafkaTestCluster start() {
        long started = System.nanoTime();
        KafkaTestCluster cluster;
        if (ContainerBroker.dockerAvailable()) {
            ContainerBroker.Started c = ContainerBroker.start(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE));
            cluster = new KafkaTestCluster(c.container(), c.bootstrapServers(), "container " + c.image());
        } else {
            InJvmBroker b = InJvmBroker.start();
            cluster = new KafkaTestCluster(b, b.bootstrapServers(), "in-JVM KRaft broker");
        }
        LOG.info("Kafka for tests ({}) ready at {} in {} ms", cluster.description, cluster.bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return cluster;
    }

    /** The {@code bootstrap.servers} value for clients. */
    public String bootstrapServers() {
        checkOpen();
        return bootstrapServers;
    }

    /** Where the broker runs: a container image or the in-JVM broker. */
    public String description() {
        return description;
    }

    /** Creates a topic with replication factor 1 and waits until every partition has a leader. */
    public void createTopic(String name, int partitions) {
        checkOpen();
        TestTopics.create(admin(), bootstrapServers, name, partitions, TIMEOUT);
    }

    /** Sends the records with a String producer ({@code acks=all}), flushes, and waits until each is written. */
    public List<RecordMetadata> produce(List<ProducerRecord<String, String>> records) {
        checkOpen();
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (ProducerRecord<String, String> record : records) {
                sent.add(producer.send(record));
            }
            producer.flush();
            List<RecordMetadata> written = new ArrayList<>(sent.size());
            for (Future<RecordMetadata> future : sent) {
                written.add(future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            }
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not produce to " + bootstrapServers, e);
        }
    }

    /** Sends key/value pairs to one topic, in order; see {@link #produce(List)}. */
    public List<RecordMetadata> produce(String topic, List<Map.Entry<String, String>> keyValues) {
        List<ProducerRecord<String, String>> records = new ArrayList<>(keyValues.size());
        for (Map.Entry<String, String> kv : keyValues) {
            records.add(new ProducerRecord<>(topic, kv.getKey(), kv.getValue()));
        }
        return produce(records);
    }

    /** The cluster's admin client, created on first use and closed with the cluster. */
    public synchronized Admin admin() {
        checkOpen();
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        try {
            broker.close();
            LOG.info("Kafka for tests ({}) stopped", description);
        } catch (Exception e) {
            throw new IllegalStateException("could not stop Kafka for tests (" + description + ")", e);
        }
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException("KafkaTestCluster is closed");
        }
    }
}
