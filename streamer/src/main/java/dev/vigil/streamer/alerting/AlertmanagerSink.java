package dev.vigil.streamer.alerting;

import dev.vigil.streamer.config.AlertmanagerKeys;
import dev.vigil.streamer.config.VigilConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The optional Alertmanager sink: posts every anomaly on the anomalies topic to Alertmanager as an alert while it is
 * open. It runs on its own thread with its own consumer (group {@code <application.id>-alertmanager}), apart from
 * scoring, so an unreachable Alertmanager never slows scoring down; delivery is at least once (offsets are committed
 * after the alerts got through). See docs/alertmanager.md.
 *
 * <p>{@link #startIfEnabled} starts it when {@value AlertmanagerKeys#URL_CONFIG} is set; {@link #close()} stops it
 * within about {@value #CLOSE_TIMEOUT_SECONDS} seconds, is idempotent and safe from any thread.
 */
public final class AlertmanagerSink implements AutoCloseable {

    /** Suffix of the sink's consumer group and client id, after the application id. */
    public static final String GROUP_SUFFIX = "-alertmanager";
    static final long CLOSE_TIMEOUT_SECONDS = 10;

    private static final Logger log = LoggerFactory.getLogger(AlertmanagerSink.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    private final SinkLoop loop;
    private final Thread thread;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    AlertmanagerSink(SinkLoop loop) {
        this.loop = loop;
        this.thread = loop == null ? null : new Thread(loop, "vigil-alertmanager-sink");
        if (thread != null) {
            thread.setDaemon(true);
        }
    }

    /**
     * Starts the sink when {@value AlertmanagerKeys#URL_CONFIG} is set; otherwise returns a sink that does nothing.
     *
     * @throws ConfigException when the URL is not an http(s) URL
     */
    public static AlertmanagerSink startIfEnabled(VigilConfig config) {
        AlertmanagerKeys.Settings settings = AlertmanagerKeys.settings(config);
        if (!settings.enabled()) {
            log.info("Alertmanager sink off ({} is empty)", AlertmanagerKeys.URL_CONFIG);
            return new AlertmanagerSink(null);
        }
        AlertmanagerClient client;
        try {
            client = new AlertmanagerClient(settings.url(), REQUEST_TIMEOUT);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(AlertmanagerKeys.URL_CONFIG, settings.url(), e.getMessage());
        }
        String topic = config.toSettings().anomaliesTopic();
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(config),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        AlertmanagerSink sink = new AlertmanagerSink(new SinkLoop(consumer, topic, client,
                new AlertTranslator(settings.dashboardUrl()), settings.refresh(), Backoff.defaults(),
                Clock.systemUTC()));
        sink.start();
        log.info("Alertmanager sink posting anomalies from topic {} to {}, refreshed every {} ms", topic,
                client.endpoint(), settings.refresh().toMillis());
        return sink;
    }

    /**
     * The sink consumer's settings: the Kafka client keys among the streamer's settings (security, timeouts...), then
     * {@code consumer.}-prefixed ones, then the sink's own group, client id and manual commits. A new group starts
     * at the earliest event; only committed events are read.
     */
    static Map<String, Object> consumerProperties(VigilConfig config) {
        Set<String> consumerKeys = ConsumerConfig.configNames();
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.streamsProperties().forEach((key, value) -> {
            if (consumerKeys.contains((String) key)) {
                props.put((String) key, value);
            }
        });
        config.streamsProperties().forEach((key, value) -> {
            String name = (String) key;
            if (name.startsWith(StreamsConfig.CONSUMER_PREFIX)
                    && consumerKeys.contains(name.substring(StreamsConfig.CONSUMER_PREFIX.length()))) {
                props.put(name.substring(StreamsConfig.CONSUMER_PREFIX.length()), value);
            }
        });
        String name = config.getString(StreamsConfig.APPLICATION_ID_CONFIG) + GROUP_SUFFIX;
        props.put(ConsumerConfig.GROUP_ID_CONFIG, name);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        props.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        return props;
    }

    /** Starts the sink's thread; call once. */
    void start() {
        if (thread != null && started.compareAndSet(false, true)) {
            thread.start();
        }
    }

    /** Whether this sink posts anything: false when it is off. */
    public boolean enabled() {
        return loop != null;
    }

    /** Stops the thread and closes the consumer, waiting about {@value #CLOSE_TIMEOUT_SECONDS} s at most. */
    @Override
    public void close() {
        if (loop == null || !closed.compareAndSet(false, true)) {
            return;
        }
        loop.stop();
        try {
            thread.join(CLOSE_GRACE.toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(Duration.ofSeconds(CLOSE_TIMEOUT_SECONDS).minus(CLOSE_GRACE).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("Alertmanager sink did not stop within {} s; leaving it behind", CLOSE_TIMEOUT_SECONDS);
        } else {
            log.info("Alertmanager sink stopped");
        }
    }
}
