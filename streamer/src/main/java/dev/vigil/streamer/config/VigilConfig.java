package dev.vigil.streamer.config;

import dev.vigil.streamer.inference.ExecutionProvider;
import dev.vigil.streamer.inference.InferenceMode;
import dev.vigil.streamer.inference.InferenceOptions;
import dev.vigil.streamer.scoring.ThresholdWarmUp;
import dev.vigil.streamer.topology.StreamerSettings;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.apache.kafka.common.config.ConfigDef.Range.atLeast;
import static org.apache.kafka.common.config.ConfigDef.Range.between;

/**
 * The streamer's configuration: every {@code vigil.*} key and the Kafka Streams defaults Vigil sets, each declared
 * once. Any other key passes through to Kafka Streams untouched. {@link ConfigLoader} merges the sources;
 * {@link ConfigDocs} renders the declarations as the configuration reference.
 */
public final class VigilConfig extends AbstractConfig {

    /** Prefix of every Vigil key; other keys belong to Kafka Streams and its clients. */
    public static final String PREFIX = "vigil.";

    public static final String MODEL_PATH_CONFIG = "vigil.model.path";
    private static final String MODEL_PATH_DOC = "The ONNX model file written by vigil-trainer.";
    public static final String INPUT_TOPIC_CONFIG = "vigil.input.topic";
    private static final String INPUT_TOPIC_DOC = "Metrics topic: key = series id, value = one JSON point.";
    public static final String SCORES_TOPIC_CONFIG = "vigil.scores.topic";
    private static final String SCORES_TOPIC_DOC = "Output: one score record per input point.";
    public static final String FORECASTS_TOPIC_CONFIG = "vigil.forecasts.topic";
    private static final String FORECASTS_TOPIC_DOC = "Output: the H-step forecast path per series and batch.";
    public static final String ANOMALIES_TOPIC_CONFIG = "vigil.anomalies.topic";
    private static final String ANOMALIES_TOPIC_DOC = "Output: anomaly lifecycle events (opened, resolved).";
    public static final String DEAD_LETTER_TOPIC_CONFIG = "vigil.dead.letter.topic";
    private static final String DEAD_LETTER_TOPIC_DOC = "Output: bad input records, value unchanged, reason in headers.";
    public static final String BATCH_MAX_SIZE_CONFIG = "vigil.batch.max.size";
    private static final String BATCH_MAX_SIZE_DOC = "Forecasts computed in one inference call at most.";
    public static final String BATCH_MAX_LINGER_MS_CONFIG = "vigil.batch.max.linger.ms";
    private static final String BATCH_MAX_LINGER_MS_DOC = "Longest a series waits for its next forecast, in ms.";
    public static final String GAP_FILL_MAX_STEPS_CONFIG = "vigil.gap.fill.max.steps";
    private static final String GAP_FILL_MAX_STEPS_DOC = "Gaps up to this many missing steps are filled by linear "
            + "interpolation; a longer gap restarts the series' warm-up.";
    public static final String THRESHOLD_QUANTILE_CONFIG = "vigil.threshold.quantile";
    private static final String THRESHOLD_QUANTILE_DOC = "Which of the model's calibrated quantiles is the starting "
            + "threshold; the nearest calibrated one is used (with a warning) when the model lacks it.";
    public static final String SCORE_SMOOTHING_ALPHA_CONFIG = "vigil.score.smoothing.alpha";
    private static final String SCORE_SMOOTHING_ALPHA_DOC = "Weight of the newest error in the exponentially "
            + "smoothed error; 1 disables smoothing.";
    public static final String THRESHOLD_HISTORY_CONFIG = "vigil.threshold.history";
    private static final String THRESHOLD_HISTORY_DOC = "Smoothed errors kept per series for the dynamic threshold.";
    public static final String THRESHOLD_MIN_HISTORY_CONFIG = "vigil.threshold.min.history";
    private static final String THRESHOLD_MIN_HISTORY_DOC = "Smoothed errors needed before the threshold adapts to "
            + "the series; at most " + THRESHOLD_HISTORY_CONFIG + ".";
    public static final String THRESHOLD_MIN_FRACTION_CONFIG = "vigil.threshold.min.fraction";
    private static final String THRESHOLD_MIN_FRACTION_DOC = "The adapted threshold never falls below this fraction "
            + "of the calibrated one.";
    public static final String THRESHOLD_MARGIN_CONFIG = "vigil.threshold.margin";
    private static final String THRESHOLD_MARGIN_DOC = "A point is anomalous only if its smoothed error also exceeds "
            + "the largest error in the series' threshold history that stayed below the threshold by this fraction "
            + "(0.15 = 15% above it). The streaming form of the pruning step of Hundman et al.: an error merely at the "
            + "top of the series' usual range does not alert. 0 turns it off.";
    public static final String THRESHOLD_MIN_CONFIG = "vigil.threshold.min";
    private static final String THRESHOLD_MIN_DOC = "The threshold never falls below this smoothed error, in scaled "
            + "units (window standard deviations, floored by the model's minimum scale). 0 turns it off.";
    public static final String THRESHOLD_LOW_STEPS_CONFIG = "vigil.threshold.low.steps";
    private static final String THRESHOLD_LOW_STEPS_DOC = "When above 0, a point is also anomalous when the series' "
            + "smoothed error has stayed below its low threshold for this many steps in a row: a signal that stopped "
            + "varying, or holds a level where the model forecasts it unusually well. The low threshold is the "
            + "dynamic threshold of the series' recent errors mirrored about their mean; it applies only where their "
            + "mean is above " + THRESHOLD_MIN_CONFIG + ". 0 turns it off.";
    public static final String THRESHOLD_WARMUP_CONFIG = "vigil.threshold.warmup";
    private static final String THRESHOLD_WARMUP_DOC = "The threshold while a series holds fewer than "
            + THRESHOLD_MIN_HISTORY_CONFIG + " smoothed errors: 'calibrated' flags against the model's calibrated "
            + "threshold from the first forecast on (an error above it is held at it, so an anomaly in the warm-up "
            + "does not raise the series' threshold); 'learn' flags nothing until then (score records carry no "
            + "threshold, score or band) and holds the errors as they are, so a series whose level or noise the model "
            + "never saw in training takes its own start as normal instead of alerting until its threshold catches up.";
    public static final String SCORE_ERROR_UNITS_CONFIG = "vigil.score.error.units";
    private static final String SCORE_ERROR_UNITS_DOC = "What a point's error is measured in: 'scaled' divides it by "
            + "the standard deviation of the window its forecast came from (errors comparable across series and with "
            + "the model's calibrated thresholds); 'raw' keeps the series' own units, so an incident that widens the "
            + "window does not shrink its own errors. The per-series dynamic threshold adapts to either; "
            + "vigil.threshold.min is in these units.";
    public static final String ALERT_OPEN_STEPS_CONFIG = "vigil.alert.open.steps";
    private static final String ALERT_OPEN_STEPS_DOC = "Consecutive anomalous steps before an anomaly opens.";
    public static final String ALERT_RESOLVE_STEPS_CONFIG = "vigil.alert.resolve.steps";
    private static final String ALERT_RESOLVE_STEPS_DOC = "Consecutive normal steps before an open anomaly resolves.";
    public static final String LABELS_MAX_CONFIG = "vigil.labels.max";
    private static final String LABELS_MAX_DOC = "Labels kept per series; more are dropped and counted.";
    public static final String INPUT_MAX_FUTURE_MS_CONFIG = "vigil.input.max.future.ms";
    private static final String INPUT_MAX_FUTURE_MS_DOC = "A point whose timestamp is more than this far ahead of "
            + "the wall clock, in ms, is dead-lettered (future-timestamp), so one bad clock cannot push a series "
            + "ahead and make its real points look late.";
    public static final String MODEL_RELOAD_INTERVAL_MS_CONFIG = "vigil.model.reload.interval.ms";
    private static final String MODEL_RELOAD_INTERVAL_MS_DOC = "How often the model file is checked for a new "
            + "version, in ms; a changed, valid and compatible model is swapped in without a restart. 0 disables.";
    public static final String INFERENCE_PROVIDER_CONFIG = "vigil.inference.provider";
    private static final String INFERENCE_PROVIDER_DOC = "ONNX Runtime execution provider; cuda needs the GPU build "
            + "of ONNX Runtime and CUDA 12 libraries.";
    public static final String INFERENCE_CUDA_FALLBACK_CONFIG = "vigil.inference.cuda.fallback";
    private static final String INFERENCE_CUDA_FALLBACK_DOC = "When cuda is asked for but unavailable: true logs a "
            + "warning and runs on CPU, false fails at start.";
    public static final String INFERENCE_INTRA_OP_THREADS_CONFIG = "vigil.inference.intra.op.threads";
    private static final String INFERENCE_INTRA_OP_THREADS_DOC = "ONNX Runtime threads per inference call; 1 is "
            + "fastest on small machines.";
    public static final String INFERENCE_MODE_CONFIG = "vigil.inference.mode";
    private static final String INFERENCE_MODE_DOC = "How forecasts are computed: 'stateful' keeps each series' LSTM "
            + "state in the store and advances it one step per record (the window re-derives it after a model "
            + "change, a gap, and at least every vigil.inference.state.refresh.steps steps); 'window' re-runs the "
            + "whole window for every forecast, W times the work; 'auto' is stateful when the model carries LSTM state (models "
            + "from this version's trainer) and window otherwise. 'stateful' with a model that has no state input "
            + "fails at start.";
    public static final String INFERENCE_STATE_REFRESH_STEPS_CONFIG = "vigil.inference.state.refresh.steps";
    private static final String INFERENCE_STATE_REFRESH_STEPS_DOC = "In stateful mode, the most steps a series' "
            + "LSTM state advances before it is re-derived from the window, which also refreshes the scaling it "
            + "feeds with; each series uses up to a quarter fewer, so re-derivations spread out. 0 means the model's "
            + "window size.";
    public static final String INFERENCE_STATE_MAX_DRIFT_CONFIG = "vigil.inference.state.max.drift";
    private static final String INFERENCE_STATE_MAX_DRIFT_DOC = "In stateful mode, a series' LSTM state is also "
            + "re-derived from the window as soon as the window's mean has moved, or its standard deviation changed, "
            + "by more than this fraction of the scale the state was fed with (frozen at its last derivation). "
            + "Smaller follows window mode more closely and derives more often.";
    public static final String SHUTDOWN_TIMEOUT_MS_CONFIG = "vigil.shutdown.timeout.ms";
    private static final String SHUTDOWN_TIMEOUT_MS_DOC = "Longest a shutdown (SIGTERM) waits for Kafka Streams to "
            + "close, in ms.";

    private static final String APPLICATION_ID_DOC = "Kafka Streams application id: consumer group, prefix of "
            + "internal topics and state.";
    private static final String BOOTSTRAP_SERVERS_DOC = "Kafka brokers, host:port[,host:port...].";
    private static final String PROCESSING_GUARANTEE_DOC = "Kafka Streams processing guarantee; exactly_once_v2 "
            + "costs throughput.";
    private static final String LINGER_MS_DOC = "How long Kafka Streams' producer waits to fill a batch before "
            + "sending, in ms (the producer's linger.ms). Kafka Streams' own default, 100, would add up to 100 ms to "
            + "every score's latency; 5 costs little throughput. producer.linger.ms overrides it.";
    private static final String BATCH_SIZE_DOC = "Largest batch Kafka Streams' producer builds per partition, in "
            + "bytes (the producer's batch.size). A commit writes every dirty series' state to the changelog at once, "
            + "about 2 KB each; in batches of Kafka's default 16 KiB that burst takes many requests while processing "
            + "waits. 256 KiB made the streamer 15% faster over a bulk input in the benchmark. producer.batch.size "
            + "overrides it.";
    private static final String CACHE_MAX_BYTES_DOC = "Memory for series states kept decoded in front of the "
            + "series store, in bytes, shared evenly by the instance's tasks (Kafka Streams' own record cache gets the "
            + "same size but holds nothing of Vigil's). A series whose state stays in memory is neither decoded nor "
            + "encoded per record, and is written to RocksDB and the changelog once per commit; one that does not is "
            + "read from RocksDB and written out as it leaves. A state takes about 2.7 KB with the default model: "
            + "Kafka Streams' own default, 10 MiB, holds about 3,800 series. Size it to the series of an instance "
            + "times about 3 KB, or what the heap allows; 0 writes every change through.";
    private static final String STATE_DIR_DOC = "Kafka Streams state directory (window and threshold stores).";

    private static final StreamerSettings D = StreamerSettings.defaults();
    private static final List<String> TOPIC_KEYS = List.of(INPUT_TOPIC_CONFIG, SCORES_TOPIC_CONFIG,
            FORECASTS_TOPIC_CONFIG, ANOMALIES_TOPIC_CONFIG, DEAD_LETTER_TOPIC_CONFIG);

    private static final ConfigDef CONFIG = InputKeys.define(AlertmanagerKeys.define(MetricsKeys.define(new ConfigDef()
            .define(MODEL_PATH_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, MODEL_PATH_DOC)
            .define(INPUT_TOPIC_CONFIG, Type.STRING, D.inputTopic(), Validators.topicName(), Importance.HIGH,
                    INPUT_TOPIC_DOC)
            .define(SCORES_TOPIC_CONFIG, Type.STRING, D.scoresTopic(), Validators.topicName(), Importance.HIGH,
                    SCORES_TOPIC_DOC)
            .define(FORECASTS_TOPIC_CONFIG, Type.STRING, D.forecastsTopic(), Validators.topicName(), Importance.HIGH,
                    FORECASTS_TOPIC_DOC)
            .define(ANOMALIES_TOPIC_CONFIG, Type.STRING, D.anomaliesTopic(), Validators.topicName(), Importance.HIGH,
                    ANOMALIES_TOPIC_DOC)
            .define(DEAD_LETTER_TOPIC_CONFIG, Type.STRING, D.deadLetterTopic(), Validators.topicName(),
                    Importance.HIGH, DEAD_LETTER_TOPIC_DOC)
            .define(BATCH_MAX_SIZE_CONFIG, Type.INT, D.batchMaxSize(), atLeast(1), Importance.MEDIUM,
                    BATCH_MAX_SIZE_DOC)
            .define(BATCH_MAX_LINGER_MS_CONFIG, Type.LONG, D.batchMaxLingerMs(), atLeast(0), Importance.MEDIUM,
                    BATCH_MAX_LINGER_MS_DOC)
            .define(GAP_FILL_MAX_STEPS_CONFIG, Type.INT, D.gapFillMaxSteps(), atLeast(0), Importance.MEDIUM,
                    GAP_FILL_MAX_STEPS_DOC)
            .define(THRESHOLD_QUANTILE_CONFIG, Type.DOUBLE, D.thresholdQuantile(),
                    Validators.aboveAndAtMost(0, 1, false), Importance.HIGH, THRESHOLD_QUANTILE_DOC)
            .define(SCORE_SMOOTHING_ALPHA_CONFIG, Type.DOUBLE, D.smoothingAlpha(),
                    Validators.aboveAndAtMost(0, 1, true), Importance.MEDIUM, SCORE_SMOOTHING_ALPHA_DOC)
            .define(THRESHOLD_HISTORY_CONFIG, Type.INT, D.errorHistory(), atLeast(1), Importance.MEDIUM,
                    THRESHOLD_HISTORY_DOC)
            .define(THRESHOLD_MIN_HISTORY_CONFIG, Type.INT, D.minErrorHistory(), atLeast(1), Importance.MEDIUM,
                    THRESHOLD_MIN_HISTORY_DOC)
            .define(THRESHOLD_MIN_FRACTION_CONFIG, Type.DOUBLE, D.minThresholdFraction(), between(0, 1),
                    Importance.MEDIUM, THRESHOLD_MIN_FRACTION_DOC)
            .define(THRESHOLD_MARGIN_CONFIG, Type.DOUBLE, D.thresholdMargin(), atLeast(0), Importance.MEDIUM,
                    THRESHOLD_MARGIN_DOC)
            .define(THRESHOLD_MIN_CONFIG, Type.DOUBLE, D.thresholdMin(), atLeast(0), Importance.MEDIUM,
                    THRESHOLD_MIN_DOC)
            .define(THRESHOLD_LOW_STEPS_CONFIG, Type.INT, D.lowErrorSteps(), atLeast(0), Importance.MEDIUM,
                    THRESHOLD_LOW_STEPS_DOC)
            .define(THRESHOLD_WARMUP_CONFIG, Type.STRING, D.thresholdWarmUp().id(),
                    Validators.oneOfIgnoringCase("calibrated", "learn"), Importance.MEDIUM, THRESHOLD_WARMUP_DOC)
            .define(SCORE_ERROR_UNITS_CONFIG, Type.STRING, "scaled", ConfigDef.ValidString.in("scaled", "raw"),
                    Importance.MEDIUM, SCORE_ERROR_UNITS_DOC)
            .define(ALERT_OPEN_STEPS_CONFIG, Type.INT, D.openAfterSteps(), atLeast(1), Importance.MEDIUM,
                    ALERT_OPEN_STEPS_DOC)
            .define(ALERT_RESOLVE_STEPS_CONFIG, Type.INT, D.resolveAfterQuietSteps(), atLeast(1), Importance.MEDIUM,
                    ALERT_RESOLVE_STEPS_DOC)
            .define(LABELS_MAX_CONFIG, Type.INT, D.maxLabels(), atLeast(0), Importance.LOW, LABELS_MAX_DOC)
            .define(MODEL_RELOAD_INTERVAL_MS_CONFIG, Type.LONG, 10_000L, atLeast(0), Importance.MEDIUM,
                    MODEL_RELOAD_INTERVAL_MS_DOC)
            .define(INPUT_MAX_FUTURE_MS_CONFIG, Type.LONG, D.maxFutureMs(), atLeast(0), Importance.LOW,
                    INPUT_MAX_FUTURE_MS_DOC)
            .define(INFERENCE_PROVIDER_CONFIG, Type.STRING, "cpu", Validators.oneOfIgnoringCase("cpu", "cuda"),
                    Importance.MEDIUM, INFERENCE_PROVIDER_DOC)
            .define(INFERENCE_CUDA_FALLBACK_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM,
                    INFERENCE_CUDA_FALLBACK_DOC)
            .define(INFERENCE_INTRA_OP_THREADS_CONFIG, Type.INT, 1, atLeast(1), Importance.LOW,
                    INFERENCE_INTRA_OP_THREADS_DOC)
            .define(INFERENCE_MODE_CONFIG, Type.STRING, D.inferenceMode().id(),
                    Validators.oneOfIgnoringCase("auto", "stateful", "window"), Importance.MEDIUM, INFERENCE_MODE_DOC)
            .define(INFERENCE_STATE_REFRESH_STEPS_CONFIG, Type.INT, D.stateRefreshSteps(), atLeast(0),
                    Importance.LOW, INFERENCE_STATE_REFRESH_STEPS_DOC)
            .define(INFERENCE_STATE_MAX_DRIFT_CONFIG, Type.DOUBLE, D.stateMaxDrift(), atLeast(0), Importance.LOW,
                    INFERENCE_STATE_MAX_DRIFT_DOC)
            .define(SHUTDOWN_TIMEOUT_MS_CONFIG, Type.LONG, 30_000L, atLeast(0), Importance.LOW,
                    SHUTDOWN_TIMEOUT_MS_DOC)
            .define(StreamsConfig.APPLICATION_ID_CONFIG, Type.STRING, "vigil-streamer",
                    new ConfigDef.NonEmptyString(), Importance.HIGH, APPLICATION_ID_DOC)
            .define(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, Type.STRING, "localhost:9092",
                    new ConfigDef.NonEmptyString(), Importance.HIGH, BOOTSTRAP_SERVERS_DOC)
            .define(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, Type.STRING, StreamsConfig.AT_LEAST_ONCE,
                    ConfigDef.ValidString.in(StreamsConfig.AT_LEAST_ONCE, StreamsConfig.EXACTLY_ONCE_V2),
                    Importance.MEDIUM, PROCESSING_GUARANTEE_DOC)
            .define(StreamsConfig.STATE_DIR_CONFIG, Type.STRING, "./vigil-state", new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM, STATE_DIR_DOC)
            .define(ProducerConfig.LINGER_MS_CONFIG, Type.LONG, 5L, atLeast(0), Importance.LOW, LINGER_MS_DOC)
            .define(ProducerConfig.BATCH_SIZE_CONFIG, Type.INT, 256 * 1024, atLeast(0), Importance.LOW,
                    BATCH_SIZE_DOC)
            .define(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Type.LONG, 64L * 1024 * 1024, atLeast(0),
                    Importance.MEDIUM, CACHE_MAX_BYTES_DOC))));

    /** Parses and validates {@code props}: Vigil keys, and Kafka keys that pass through. */
    public VigilConfig(Map<String, ?> props) {
        super(CONFIG, requireKnownKeys(props), false);
        validate();
    }

    /** A copy of the declarations, for documentation and tooling. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    private static Map<String, ?> requireKnownKeys(Map<String, ?> props) {
        props.keySet().forEach(key -> UnknownKeys.check(key, "", CONFIG.names()));
        return props;
    }

    /** Cross-key checks, and Kafka Streams' own checks of the pass-through keys. */
    private void validate() {
        if (getInt(THRESHOLD_MIN_HISTORY_CONFIG) > getInt(THRESHOLD_HISTORY_CONFIG)) {
            throw new ConfigException(THRESHOLD_MIN_HISTORY_CONFIG, getInt(THRESHOLD_MIN_HISTORY_CONFIG),
                    "Value must be at most " + THRESHOLD_HISTORY_CONFIG + " (" + getInt(THRESHOLD_HISTORY_CONFIG) + ")");
        }
        for (int i = 0; i < TOPIC_KEYS.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (getString(TOPIC_KEYS.get(i)).equals(getString(TOPIC_KEYS.get(j)))) {
                    throw new ConfigException(TOPIC_KEYS.get(i), getString(TOPIC_KEYS.get(i)),
                            "Topic is also " + TOPIC_KEYS.get(j) + "; every Vigil topic must be distinct");
                }
            }
        }
        StreamsConfig.configDef().parse(streamsProperties());
    }

    /** The topology's settings. */
    public StreamerSettings toSettings() {
        return new StreamerSettings(getString(INPUT_TOPIC_CONFIG), getString(SCORES_TOPIC_CONFIG),
                getString(FORECASTS_TOPIC_CONFIG), getString(ANOMALIES_TOPIC_CONFIG),
                getString(DEAD_LETTER_TOPIC_CONFIG), getInt(BATCH_MAX_SIZE_CONFIG), getLong(BATCH_MAX_LINGER_MS_CONFIG),
                getInt(GAP_FILL_MAX_STEPS_CONFIG), getDouble(THRESHOLD_QUANTILE_CONFIG),
                getDouble(SCORE_SMOOTHING_ALPHA_CONFIG), getInt(THRESHOLD_HISTORY_CONFIG),
                getInt(THRESHOLD_MIN_HISTORY_CONFIG), getDouble(THRESHOLD_MIN_FRACTION_CONFIG),
                getInt(ALERT_OPEN_STEPS_CONFIG), getInt(ALERT_RESOLVE_STEPS_CONFIG), getInt(LABELS_MAX_CONFIG),
                getLong(INPUT_MAX_FUTURE_MS_CONFIG), getDouble(THRESHOLD_MARGIN_CONFIG),
                getDouble(THRESHOLD_MIN_CONFIG), getString(SCORE_ERROR_UNITS_CONFIG).equals("raw"),
                InferenceMode.parse(getString(INFERENCE_MODE_CONFIG)),
                getInt(INFERENCE_STATE_REFRESH_STEPS_CONFIG), getDouble(INFERENCE_STATE_MAX_DRIFT_CONFIG),
                getInt(THRESHOLD_LOW_STEPS_CONFIG), ThresholdWarmUp.parse(getString(THRESHOLD_WARMUP_CONFIG)));
    }

    /** How the model runs. */
    public InferenceOptions inferenceOptions() {
        return new InferenceOptions(
                ExecutionProvider.parse(getString(INFERENCE_PROVIDER_CONFIG)),
                getBoolean(INFERENCE_CUDA_FALLBACK_CONFIG), getInt(INFERENCE_INTRA_OP_THREADS_CONFIG));
    }

    public Path modelPath() {
        return Path.of(getString(MODEL_PATH_CONFIG));
    }

    /** How often to look for a new model version; zero when reloading is off. */
    public Duration modelReloadInterval() {
        return Duration.ofMillis(getLong(MODEL_RELOAD_INTERVAL_MS_CONFIG));
    }

    public Duration shutdownTimeout() {
        return Duration.ofMillis(getLong(SHUTDOWN_TIMEOUT_MS_CONFIG));
    }

    /** Everything for Kafka Streams and its clients: the pass-through keys plus Vigil's defaults, no vigil.* key. */
    public Properties streamsProperties() {
        Properties props = new Properties();
        originals().forEach((key, value) -> {
            if (!key.startsWith(PREFIX)) {
                props.put(key, value);
            }
        });
        for (String key : List.of(StreamsConfig.APPLICATION_ID_CONFIG, StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.STATE_DIR_CONFIG)) {
            props.put(key, getString(key));
        }
        for (String key : List.of(ProducerConfig.LINGER_MS_CONFIG, StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)) {
            props.put(key, String.valueOf(getLong(key)));
        }
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(getInt(ProducerConfig.BATCH_SIZE_CONFIG)));
        return props;
    }
}
