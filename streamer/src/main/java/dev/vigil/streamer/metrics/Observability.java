package dev.vigil.streamer.metrics;

import dev.vigil.streamer.config.MetricsKeys;
import dev.vigil.streamer.inference.ExecutionProvider;
import dev.vigil.streamer.inference.ModelReloader;
import dev.vigil.streamer.inference.OnnxModel;
import dev.vigil.streamer.inference.Forecaster;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The streamer's metrics wiring in one place: the Prometheus registry with JVM and process meters, the HTTP
 * endpoint, Vigil's meters for the loaded model, and Kafka Streams' own metrics once the client exists. Start it
 * before Kafka Streams starts and close it after Kafka Streams closed. Ready means: a model is loaded and Kafka
 * Streams is RUNNING.
 *
 * <p>With {@code vigil.metrics.port=-1} there is no endpoint, and the topology gets {@link StreamerMetrics#NONE}.
 */
public final class Observability implements AutoCloseable {

    /** How often the Kafka Streams binder looks for new Kafka metrics (its default is a minute). */
    public static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(Observability.class);

    private final MetricsKeys.Settings settings;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private MetricsServer server;
    private volatile boolean modelLoaded;
    private volatile KafkaStreams streams;

    private Observability(MetricsKeys.Settings settings) {
        this.settings = settings;
    }

    /**
     * Creates the registry and starts the endpoint on the configured port.
     *
     * @throws ConfigException when the port is in use
     */
    public static Observability start(MetricsKeys.Settings settings) {
        Observability observability = new Observability(settings);
        if (settings.port() < 0) {
            LOG.info("Metrics endpoint disabled ({}={})", MetricsKeys.PORT_CONFIG, settings.port());
            return observability;
        }
        try {
            observability.bindJvm();
            observability.server = MetricsServer.start(settings.port(), observability.registry,
                    observability::whyNotReady);
        } catch (UncheckedIOException e) {
            observability.close();
            if (e.getCause() instanceof BindException) {
                throw new ConfigException(MetricsKeys.PORT_CONFIG, settings.port(), "port in use: " + e.getMessage());
            }
            throw e;
        }
        return observability;
    }

    /** The registry, for other components' meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The endpoint's bound port, or -1 when disabled. */
    public int port() {
        return server == null ? -1 : server.port();
    }

    /**
     * Binds Vigil's meters for the loaded model; returns the hooks to build the topology with. Call once.
     *
     * @throws IllegalStateException when a model was already loaded
     */
    public synchronized StreamerMetrics modelLoaded(Forecaster model, ExecutionProvider provider) {
        if (modelLoaded) {
            throw new IllegalStateException("a model is already loaded; one Observability serves one model");
        }
        modelLoaded = true;
        if (server == null) {
            return StreamerMetrics.NONE;
        }
        VigilMeters meters = new VigilMeters(model.spec(), model.modelVersion(), provider, settings);
        meters.bindTo(registry);
        return meters;
    }

    /**
     * The hooks of a model reloader: an accepted model replaces the model meters, every attempt is counted in
     * {@code vigil.model.reloads{outcome=accepted|refused}}.
     */
    public ModelReloader.Listener reloadListener(ExecutionProvider provider) {
        if (server == null) {
            return new ModelReloader.Listener() {
                @Override
                public void accepted(OnnxModel model) {
                }

                @Override
                public void refused(String reason) {
                }
            };
        }
        Counter accepted = Counter.builder("vigil.model.reloads").tag("outcome", "accepted")
                .description("New model versions picked up from the model file, by outcome").register(registry);
        Counter refused = Counter.builder("vigil.model.reloads").tag("outcome", "refused")
                .description("New model versions picked up from the model file, by outcome").register(registry);
        return new ModelReloader.Listener() {
            @Override
            public void accepted(OnnxModel model) {
                accepted.increment();
                ModelMeters.rebind(registry, model.spec(), model.modelVersion(), provider);
            }

            @Override
            public void refused(String reason) {
                refused.increment();
            }
        };
    }

    /** Binds Kafka Streams' own metrics (refreshed every {@link #KAFKA_METRICS_REFRESH}); returns the client. */
    public synchronized KafkaStreams bind(KafkaStreams kafkaStreams) {
        this.streams = kafkaStreams;
        if (server != null) {
            ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "vigil-kafka-metrics");
                thread.setDaemon(true);
                return thread;
            });
            closeables.push(refresher::shutdownNow);
            KafkaStreamsMetrics kafkaMetrics = new KafkaStreamsMetrics(kafkaStreams, Tags.empty(), refresher,
                    KAFKA_METRICS_REFRESH);
            kafkaMetrics.bindTo(registry);
            closeables.push(kafkaMetrics);
        }
        return kafkaStreams;
    }

    /** {@code null} when ready (a model is loaded and Kafka Streams is RUNNING), else why not. */
    public String whyNotReady() {
        if (!modelLoaded) {
            return "no model loaded yet";
        }
        KafkaStreams client = streams;
        if (client == null) {
            return "Kafka Streams not created yet";
        }
        KafkaStreams.State state = client.state();
        return state == KafkaStreams.State.RUNNING ? null : "Kafka Streams is " + state;
    }

    /** Stops the endpoint, then the binders, then the registry. Idempotent. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
        }
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception e) {
                LOG.warn("Closing a metrics binder failed", e);
            }
        }
        registry.close();
    }

    private void bindJvm() {
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        closeables.push(gc);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }
}
