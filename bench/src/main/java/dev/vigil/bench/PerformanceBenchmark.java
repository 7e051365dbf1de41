package dev.vigil.bench;

import dev.vigil.streamer.config.VigilConfig;
import dev.vigil.streamer.inference.InferenceMode;
import dev.vigil.streamer.inference.InferenceOptions;
import dev.vigil.streamer.inference.OnnxModel;
import dev.vigil.streamer.topology.StreamerSettings;
import dev.vigil.streamer.topology.VigilTopology;
import dev.vigil.testsupport.KafkaBrokerProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One benchmark run against one real broker: the same input through (a) a pass-through Kafka Streams app and (b) the
 * Vigil topology, then end-to-end latency of (b) at a fraction of its measured rate, heap and state per series, and
 * (c) the Vigil topology in exact window mode.
 */
@Command(name = "vigil-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures the streamer against a pass-through Kafka Streams app on one local broker "
                + "(see docs/performance.md).")
public final class PerformanceBenchmark implements Callable<Integer> {

    static final String INPUT_TOPIC = "bench-metrics";
    static final String PASS_THROUGH_TOPIC = "bench-pass-through";

    /** Steps per series the latency phase may send after the bulk input; its rate is capped to fit. */
    static final long LATENCY_STEPS_AHEAD = 1000;

    @Option(names = "--points", defaultValue = "2000000", description = "Input points in all (default: ${DEFAULT-VALUE}).")
    long points;

    @Option(names = "--series", defaultValue = "10000", description = "Series (default: ${DEFAULT-VALUE}).")
    int series;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--window", description = "Train a model with this W for the run (the trainer's default "
            + "architecture, 2 x 64, H 12, a short fit) instead of serving the bundled default model.")
    Integer window;

    @Option(names = "--model", description = "An ONNX model from the trainer (default: the bundled default model, "
            + "models/default.onnx).")
    Path model;

    @Option(names = "--threads", defaultValue = "1", description = "Stream threads of each app (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--latency-rate", defaultValue = "0.5", description = "Rate of the latency phase, as a fraction of "
            + "(b)'s measured records/s over the input after the warm-up, the points that are scored "
            + "(default: ${DEFAULT-VALUE}).")
    double latencyRate;

    @Option(names = "--latency-seconds", defaultValue = "60", description = "Length of the latency phase's "
            + "measurement; the default takes in two of the streamer's 30 s commits, as many per second as a "
            + "long-running streamer has (default: ${DEFAULT-VALUE}).")
    int latencySeconds;

    @Option(names = "--latency-warm-up-seconds", defaultValue = "20", description = "Seconds the latency phase sends "
            + "at its rate before it measures: the streamer's passage from the bulk input to the steady rate, shown "
            + "in the timeline but not in the percentiles (default: ${DEFAULT-VALUE}).")
    int latencyWarmUpSeconds;

    @Option(names = "--state-dir", description = "Kafka Streams state directory (default: a new temporary folder).")
    Path stateDir;

    @Option(names = "--bootstrap-servers", description = "Use this broker instead of starting one as a child process.")
    String bootstrapServers;

    @Option(names = "--mode", defaultValue = "auto", description = "vigil.inference.mode of (b): auto (the streamer's "
            + "default: stateful when the model carries LSTM state), stateful or window (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A streamer setting for (b) and (c), as "
            + "vigil-streamer's --set takes it (docs/configuration.md), e.g. --set statestore.cache.max.bytes=8388608; "
            + "repeatable. The rows in docs/performance.md use none: the streamer's defaults.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--window-run", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also run (c): the streamer in exact window mode over the same input, after (b), when (b) "
                    + "ran stateful (default: on).")
    boolean windowRun;

    @Option(names = "--timeout-seconds", defaultValue = "1800", description = "Longest each app may take over the "
            + "input (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PerformanceBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("vigil-bench-");
        Path states = stateDir != null ? stateDir : work.resolve("state");
        Path modelFile = model;
        if (modelFile == null && window != null) {
            out.printf("training a W%d model (default architecture, short fit)...%n", window);
            out.flush();
            modelFile = BenchModel.train(work, window);
            out.printf("model: %s (kept, for --model or JMH)%n", modelFile);
        } else if (modelFile == null) {
            modelFile = BenchModel.bundledDefault();
            out.printf("model: %s (the bundled default)%n", modelFile);
        }
        KafkaBrokerProcess broker = bootstrapServers == null ? KafkaBrokerProcess.launch() : null;
        try (OnnxModel onnx = OnnxModel.load(modelFile, InferenceOptions.defaults())) {
            String servers = broker != null ? broker.bootstrapServers() : bootstrapServers;
            out.printf("broker: %s (%s)%n", servers, broker != null ? "child process" : "given");
            BenchReport report = measure(servers, onnx, modelFile, states, out);
            report.print(out);
            return 0;
        } finally {
            if (broker != null) {
                broker.close();
            }
            if (stateDir == null) {
                StateDirs.delete(states);
            }
            if (window == null) {
                StateDirs.delete(work);
            }
        }
    }

    private BenchReport measure(String servers, OnnxModel onnx, Path modelFile, Path states, PrintWriter out)
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        VigilConfig config = VigilConfigs.of(modelFile, servers, "bench-vigil-" + run, states, threads, mode, "",
                overrides);
        StreamerSettings settings = config.toSettings();
        boolean runWindow = windowRun && settings.inferenceMode().stateful(onnx.stateSize());
        VigilConfig windowConfig = VigilConfigs.of(modelFile, servers, "bench-window-" + run, states, threads,
                InferenceMode.WINDOW.id(), "-window", overrides);
        createTopics(servers, runWindow ? List.of(settings, windowConfig.toSettings()) : List.of(settings));

        long steps = Math.max(1, points / series);
        InputPoints input = new InputPoints(onnx.spec(), series, steps, LATENCY_STEPS_AHEAD);
        long t0 = System.nanoTime();
        long written = input.produceBulk(servers, INPUT_TOPIC, steps);
        out.printf("produced %,d points (%d steps x %,d series) in %.1f s%n", written, steps, series,
                (System.nanoTime() - t0) / 1e9);
        out.flush();
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        // the first W steps of every series only fill windows; the input is ordered step by step
        long warmUp = Math.min(steps, onnx.spec().windowSize()) * (long) series;

        AtomicReference<KafkaStreams> app = new AtomicReference<>();
        ThroughputRun.Result a;
        try {
            a = ThroughputRun.run(PassThroughTopology.build(INPUT_TOPIC, PASS_THROUGH_TOPIC),
                    passThroughProperties(servers, "bench-pass-through-" + run, states), PASS_THROUGH_TOPIC,
                    written, warmUp, timeout, app);
        } finally {
            close(app.get());
        }
        out.printf("(a) done: %,.0f records/s%n", a.recordsPerSecond());
        out.flush();

        long heapBefore = heapAfterGc();
        ThroughputRun.Result b;
        LatencyProbe.Result latency;
        long heapAfter;
        try {
            b = ThroughputRun.run(VigilTopology.build(settings, onnx), config.streamsProperties(),
                    settings.scoresTopic(), written, warmUp, timeout, app);
            // the latency phase sends only points that are scored, so its rate is a fraction of that rate
            double scoredRate = Double.isNaN(b.laterRecordsPerSecond()) ? b.recordsPerSecond()
                    : b.laterRecordsPerSecond();
            out.printf("(b) done: %,.0f records/s, %,.0f/s after the warm-up; latency phase at %.0f%% of that for %d "
                    + "s after %d s of warm-up%n", b.recordsPerSecond(), scoredRate, latencyRate * 100, latencySeconds,
                    latencyWarmUpSeconds);
            out.flush();
            String appId = config.streamsProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
            long bulkCpu = StreamThreadCpu.nanos(appId);
            latency = LatencyProbe.run(servers, input, INPUT_TOPIC, settings.scoresTopic(), steps,
                    Math.min(latencyRate * scoredRate,
                            (double) series * LATENCY_STEPS_AHEAD / (latencyWarmUpSeconds + latencySeconds)),
                    Duration.ofSeconds(latencyWarmUpSeconds), Duration.ofSeconds(latencySeconds));
            // the stream threads started with (b): their CPU until now is the bulk input's, the rest the phase's
            out.printf("(b) stream threads' CPU per record: %.1f us over the input, %.1f us in the latency phase%n",
                    bulkCpu / 1e3 / written, (StreamThreadCpu.nanos(appId) - bulkCpu) / 1e3 / latency.sentInAll());
            out.flush();
            heapAfter = heapAfterGc();
        } finally {
            close(app.get());
        }
        long stateBytes = StateDirs.bytes(states.resolve(config.streamsProperties()
                .getProperty(StreamsConfig.APPLICATION_ID_CONFIG)));
        String modeOfB = settings.inferenceMode().stateful(onnx.stateSize()) ? "stateful" : "window";
        ThroughputRun.Result c = null;
        if (runWindow) {
            StreamerSettings windowSettings = windowConfig.toSettings();
            try {
                c = ThroughputRun.run(VigilTopology.build(windowSettings, onnx), windowConfig.streamsProperties(),
                        windowSettings.scoresTopic(), written, warmUp, timeout, app);
            } finally {
                close(app.get());
            }
            out.printf("(c) done: %,.0f records/s%n", c.recordsPerSecond());
            out.flush();
        }
        return new BenchReport(written, series, partitions, onnx.spec().windowSize(), threads, modeOfB, a, b, c,
                latency, heapAfter, heapAfter - heapBefore, stateBytes);
    }

    private Properties passThroughProperties(String servers, String appId, Path states) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, states.toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        return props;
    }

    /** The input, the pass-through output, and the output topics of each Vigil run. */
    private void createTopics(String servers, List<StreamerSettings> runs) throws InterruptedException,
            ExecutionException {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(INPUT_TOPIC, partitions, (short) 1));
        topics.add(new NewTopic(PASS_THROUGH_TOPIC, partitions, (short) 1));
        for (StreamerSettings settings : runs) {
            for (String name : List.of(settings.scoresTopic(), settings.forecastsTopic(), settings.anomaliesTopic())) {
                topics.add(new NewTopic(name, partitions, (short) 1));
            }
            topics.add(new NewTopic(settings.deadLetterTopic(), 1, (short) 1));
        }
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(topics).all().get();
        }
    }

    private static void close(KafkaStreams streams) {
        if (streams != null) {
            streams.close(Duration.ofSeconds(60));
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
