package dev.vigil.streamer.cli;

import dev.vigil.spec.InvalidModelSpecException;
import dev.vigil.streamer.cli.StreamsRunner.StreamsFailedException;
import dev.vigil.streamer.config.ConfigLoader;
import dev.vigil.streamer.config.EffectiveConfig;
import dev.vigil.streamer.config.VigilConfig;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code vigil-streamer}: serve a model exported by vigil-trainer on a metrics topic, as a Kafka Streams app. */
@Command(name = "vigil-streamer", mixinStandardHelpOptions = true, versionProvider = StreamerCli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Reads metrics from Kafka, forecasts every series with an ONNX model exported by vigil-trainer, and "
                    + "writes scores, forecasts and anomaly events back to Kafka. Runs until SIGTERM or Ctrl-C.",
            "Configuration, later sources winning: built-in defaults, the --config file, environment variables "
                    + "(VIGIL_<NAME> sets vigil.<name>, VIGIL_KAFKA_<NAME> sets the Kafka key <name>; lower case, "
                    + "'_' becomes '.'), then --set. Keys without the vigil. prefix go to Kafka Streams. Every key "
                    + "is listed in docs/configuration.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by a signal, or --print-config, --help, --version",
            "1:Kafka Streams or the model failed while running", "2:bad options, configuration or model"})
public final class StreamerCli implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(StreamerCli.class);

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with vigil.* and Kafka Streams keys (UTF-8).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Sets one key, over the file and the environment; repeatable "
                    + "(--set vigil.model.path=model.onnx --set bootstrap.servers=kafka:9092).")
    List<String> assignments = new ArrayList<>();

    @Option(names = "--print-config",
            description = "Prints the effective configuration, defaults included and secrets masked, then exits.")
    boolean printConfig;

    private final PrintStream out;
    private final Map<String, String> environment;

    StreamerCli(PrintStream out, Map<String, String> environment) {
        this.out = out;
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, System.getenv(), args));
    }

    /** Runs the CLI and returns its exit code; {@code environment} stands in for the process environment. */
    public static int execute(PrintStream out, PrintStream err, Map<String, String> environment, String... args) {
        CommandLine cli = new CommandLine(new StreamerCli(out, environment));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setParameterExceptionHandler((e, arguments) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().getErr().println("Run vigil-streamer --help for the options.");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (e instanceof ConfigException || e instanceof InvalidModelSpecException) {
                return 2;
            }
            if (!(e instanceof StreamsFailedException)) {
                log.error("Unexpected failure", e);
            }
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        VigilConfig config = new ConfigLoader(environment).load(configFile, overrides());
        if (printConfig) {
            out.print(EffectiveConfig.format(config));
            return 0;
        }
        if (!Files.isRegularFile(config.modelPath())) {
            throw new ConfigException(VigilConfig.MODEL_PATH_CONFIG, config.modelPath().toString(), "No such file");
        }
        if (log.isInfoEnabled()) {
            log.info("Configuration (secrets masked):\n{}", EffectiveConfig.format(config).strip());
        }
        try (StreamerApp app = StreamerApp.create(config)) {
            app.start();
            app.awaitTermination();
        }
        log.info("Vigil streamer stopped");
        return 0;
    }

    private Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw new ConfigException("--set: found '" + assignment + "', expected KEY=VALUE");
            }
            overrides.put(assignment.substring(0, equals), assignment.substring(equals + 1));
        }
        return overrides;
    }

    /** Prints the streamer's version, from the jar manifest when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = StreamerCli.class.getPackage().getImplementationVersion();
            return new String[] {"vigil-streamer " + (version == null ? "(development build)" : version)};
        }
    }
}
