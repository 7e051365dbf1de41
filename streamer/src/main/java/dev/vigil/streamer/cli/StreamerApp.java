package dev.vigil.streamer.cli;

import dev.vigil.spec.ModelSpec;
import dev.vigil.streamer.alerting.AlertmanagerSink;
import dev.vigil.streamer.config.MetricsKeys;
import dev.vigil.streamer.config.VigilConfig;
import dev.vigil.streamer.inference.ExecutionProvider;
import dev.vigil.streamer.inference.InferenceOptions;
import dev.vigil.streamer.inference.ModelReloader;
import dev.vigil.streamer.inference.OnnxModel;
import dev.vigil.streamer.inference.SwappableModel;
import dev.vigil.streamer.metrics.Observability;
import dev.vigil.streamer.metrics.StreamerMetrics;
import dev.vigil.streamer.topology.VigilTopology;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * The whole streamer for one configuration: the model, the metrics endpoint, the topology on Kafka Streams, the
 * model reloader and the Alertmanager sink. {@link #create} loads and checks everything without starting;
 * {@link #start} starts it; {@link #close} stops the reloader and the sink, then Kafka Streams and the model, then
 * the endpoint. {@code vigil-streamer} runs exactly this, and so can a program that hosts the streamer.
 */
public final class StreamerApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamerApp.class);

    private final VigilConfig config;
    private final OnnxModel loaded;
    private final SwappableModel model;
    private final Observability observability;
    private final StreamsRunner runner;
    private AlertmanagerSink alerts;
    private ModelReloader reloader;
    private boolean closed;

    private StreamerApp(VigilConfig config, OnnxModel loaded, SwappableModel model, Observability observability,
                        StreamsRunner runner) {
        this.config = config;
        this.loaded = loaded;
        this.model = model;
        this.observability = observability;
        this.runner = runner;
    }

    /**
     * Loads the model, starts the metrics endpoint and builds the topology; Kafka Streams is not started yet.
     *
     * @throws ConfigException when the model file is missing or the metrics port is in use
     * @throws dev.vigil.spec.InvalidModelSpecException when the model is not a valid Vigil model
     */
    public static StreamerApp create(VigilConfig config) {
        Path modelPath = config.modelPath();
        if (!Files.isRegularFile(modelPath)) {
            throw new ConfigException(VigilConfig.MODEL_PATH_CONFIG, modelPath.toString(), "No such file");
        }
        OnnxModel loaded = loadModel(modelPath, config.inferenceOptions());
        SwappableModel model = new SwappableModel(loaded);
        Observability observability = null;
        try {
            logModel(loaded);
            warnIfNotCalibrated(config.toSettings().thresholdQuantile(), loaded.spec());
            observability = Observability.start(MetricsKeys.settings(config));
            StreamerMetrics meters = observability.modelLoaded(model, loaded.executionProvider());
            VigilTopology.FanOut fanOut = InputStage.fanOut(config);
            if (fanOut != null && observability.registry() != null) {
                InputStage.meterSkipped(fanOut.decoder(), observability.registry());
            }
            Topology topology = VigilTopology.build(config.toSettings(), model, meters, fanOut);
            log.debug("Topology: {}", topology.describe());
            KafkaStreams streams = observability.bind(new KafkaStreams(topology, config.streamsProperties()));
            StreamsRunner runner = new StreamsRunner(streams, config.shutdownTimeout(), model);
            return new StreamerApp(config, loaded, model, observability, runner);
        } catch (RuntimeException | Error e) {
            closeAfterFailure(model, e);
            closeAfterFailure(observability, e);
            throw e;
        }
    }

    /**
     * Starts the Alertmanager sink when configured, the model reloader, then Kafka Streams; call once. On an
     * exception, close the app.
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("StreamerApp is closed");
        }
        alerts = AlertmanagerSink.startIfEnabled(config);
        if (!config.modelReloadInterval().isZero()) {
            reloader = ModelReloader.start(config.modelPath(), model, config.inferenceOptions(),
                    config.modelReloadInterval(), observability.reloadListener(loaded.executionProvider()));
        }
        runner.start();
    }

    /**
     * Blocks until Kafka Streams stops or this app is closed.
     *
     * @throws StreamsRunner.StreamsFailedException when a stream thread failed
     */
    public void awaitTermination() throws InterruptedException {
        runner.awaitTermination();
    }

    /** Kafka Streams' state. */
    public KafkaStreams.State state() {
        return runner.state();
    }

    /** The model loaded at start. */
    public OnnxModel model() {
        return loaded;
    }

    /** The port serving /metrics, or -1 when the endpoint is disabled. */
    public int metricsPort() {
        return observability.port();
    }

    /** Stops everything in order; idempotent, and waits for a close under way in another thread. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (reloader != null) {
                reloader.close();
            }
            if (alerts != null) {
                alerts.close();
            }
        }
        runner.close();
        observability.close();
    }

    private static OnnxModel loadModel(Path path, InferenceOptions options) {
        try {
            return OnnxModel.load(path, options);
        } catch (IllegalStateException e) {
            if (options.provider() == ExecutionProvider.CUDA && !options.cudaFallback()) {
                throw new ConfigException(VigilConfig.INFERENCE_PROVIDER_CONFIG, "cuda", e.getMessage() + " (set "
                        + VigilConfig.INFERENCE_CUDA_FALLBACK_CONFIG + "=true to run on CPU instead)");
            }
            throw e;
        }
    }

    private static void logModel(OnnxModel model) {
        ModelSpec spec = model.spec();
        if (log.isInfoEnabled()) {
            log.info("Model {} on {}: {}", model.modelVersion(), model.executionProvider().id(),
                    ModelSummary.shape(spec));
            log.info("Model: {}", ModelSummary.data(spec.provenance()));
            log.info("Model: {}", ModelSummary.training(spec.provenance()));
            log.info("Model: {}", ModelSummary.testMetrics(spec.provenance().testMetrics()));
        }
    }

    private static void warnIfNotCalibrated(double quantile, ModelSpec spec) {
        List<Double> calibrated = spec.thresholds().quantiles();
        double nearest = calibrated.stream().min(Comparator.comparingDouble(q -> Math.abs(q - quantile)))
                .orElse(quantile);
        if (Math.abs(nearest - quantile) > 1e-12) {
            log.warn("{}={} is not among the model's calibrated quantiles {}; using the nearest, {}",
                    VigilConfig.THRESHOLD_QUANTILE_CONFIG, quantile, calibrated, nearest);
        }
    }

    private static void closeAfterFailure(AutoCloseable resource, Throwable failure) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
