package dev.vigil.demo;

import dev.vigil.generator.AnomalyMix;
import dev.vigil.generator.cli.DurationConverter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code vigil-demo}: Vigil end to end on this machine, with a Kafka broker in the same process. */
@Command(name = "vigil-demo", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        versionProvider = DemoCli.Version.class,
        description = {
            "Starts a Kafka broker (KRaft) in this process, the Vigil streamer on it with the bundled model, and the "
                    + "generator sending realistic metrics with injected anomalies; prints progress and every "
                    + "anomaly opened or resolved, then precision and recall against the injected anomalies.",
            "Ctrl-C stops everything and deletes the temporary data. See docs/demo.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the demo ran to the end, or was stopped", "1:something failed", "2:bad options"})
public final class DemoCli implements Callable<Integer> {

    /** System property naming the Vigil checkout; bin/vigil-demo sets it. */
    static final String HOME_PROPERTY = "vigil.home";

    @Option(names = "--series", defaultValue = "200", description = "Series to generate (default: ${DEFAULT-VALUE}).")
    int series;

    @Option(names = "--duration", defaultValue = "2d", converter = DurationConverter.class,
            description = "Event time each series covers, in the model's steps (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--rate", paramLabel = "POINTS_PER_S", defaultValue = "5000",
            description = "Points per second over all series; 0 for as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seed", defaultValue = "42", description = "The generator's seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--anomalies", paramLabel = "MIX", defaultValue = "all",
            description = "Anomaly kinds injected: all, none, spike,drift or spike=3,dropout=1 (default: "
                    + "${DEFAULT-VALUE}).")
    String anomalies;

    @Option(names = "--anomaly-rate", paramLabel = "R", defaultValue = "1",
            description = "Anomalies per series per day of event time (default: ${DEFAULT-VALUE}).")
    double anomalyRate;

    @Option(names = "--magnitude", paramLabel = "X", defaultValue = "1",
            description = "Multiplies every anomaly's size; below 1 makes them subtler (default: ${DEFAULT-VALUE}).")
    double magnitude;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9464",
            description = "Port of /metrics; when the default port is busy a free one is used (default: "
                    + "${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--model", paramLabel = "FILE",
            description = "ONNX model to serve (default: models/default.onnx of the checkout).")
    Path model;

    @Option(names = "--train", description = "Train a fresh model first, with scripts/regenerate-default-model.sh.")
    boolean train;

    @Option(names = "--keep-data", description = "Keep the temporary folder (broker data, streamer state).")
    boolean keepData;

    @Option(names = "--summary-every", paramLabel = "DURATION", defaultValue = "5s",
            converter = DurationConverter.class, description = "How often progress is printed (default: "
                    + "${DEFAULT-VALUE}).")
    Duration summaryEvery;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Streamer configuration key, repeatable (--set vigil.alert.open.steps=2); see "
                    + "docs/configuration.md.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Spec
    CommandSpec command;

    private final PrintStream out;

    DemoCli(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    /** Runs the CLI and returns its exit code. */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new DemoCli(out));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setParameterExceptionHandler((e, arguments) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().getErr().println("Run vigil-demo --help for the options.");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return e instanceof IllegalArgumentException
                    || e instanceof org.apache.kafka.common.config.ConfigException ? 2 : 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        Demo demo = new Demo(options(), out, new Demo.Listener() { });
        Thread hook = new Thread(() -> {
            demo.requestStop();
            try {
                demo.awaitFinished(Duration.ofSeconds(90));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vigil-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            demo.run();
            return 0;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for run() to have cleaned up, which it has
            }
        }
    }

    DemoOptions options() {
        Path home = home();
        AnomalyMix mix;
        try {
            mix = AnomalyMix.parse(anomalies);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--anomalies: " + e.getMessage(), e);
        }
        if (train && model != null) {
            throw new IllegalArgumentException("--train and --model exclude each other: --train serves the model "
                    + "it trains");
        }
        boolean portGiven = command.commandLine().getParseResult().hasMatchedOption("--metrics-port");
        return new DemoOptions(series, duration, rate, seed, mix, anomalyRate, magnitude, metricsPort,
                !portGiven, model != null ? model : home.resolve("models").resolve("default.onnx"), train, home, keepData,
                summaryEvery, settings);
    }

    /** The checkout: {@value #HOME_PROPERTY}, else two folders above this jar (demo/target), else here. */
    static Path home() {
        String property = System.getProperty(HOME_PROPERTY);
        if (property != null) {
            return Path.of(property);
        }
        try {
            Path jar = Path.of(DemoCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = jar.getParent() == null || jar.getParent().getParent() == null ? null
                    : jar.getParent().getParent().getParent();
            if (candidate != null && Files.isDirectory(candidate.resolve("models"))) {
                return candidate;
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through
        }
        return Path.of("").toAbsolutePath();
    }

    /** Prints the demo's version, from the jar manifest when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = DemoCli.class.getPackage().getImplementationVersion();
            return new String[] {"vigil-demo " + (version == null ? "(development build)" : version)};
        }
    }
}
