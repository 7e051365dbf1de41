package dev.vigil.generator.cli;

import dev.vigil.generator.AnomalyMix;
import dev.vigil.generator.GeneratorSpec;
import dev.vigil.generator.MetricGenerator;
import dev.vigil.generator.output.CsvOutput;
import dev.vigil.generator.output.KafkaSink;
import dev.vigil.generator.output.KafkaSink.KafkaSinkException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code vigil-generator}: seeded synthetic metrics with labeled anomalies, to a Kafka topic or CSV files. */
@Command(name = "vigil-generator", mixinStandardHelpOptions = true, versionProvider = GeneratorCli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Generates realistic metrics for many series (cpu %%, latency ms, request rate, queue depth; daily and "
                    + "weekly seasonality, trend, noise) with injected anomalies (spike, level-shift, drift, dropout, "
                    + "variance) whose time ranges are written as labels. The same options and seed give "
                    + "the same points and labels.",
            "Writes to a Kafka topic (key = series id, value {\"ts\": <epoch ms>, \"value\": <v>}) or to CSV files "
                    + "that vigil-trainer --csv reads. See docs/generator.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:everything written, or stopped by Ctrl-C after flushing",
            "1:Kafka or the file system failed", "2:bad options"})
public final class GeneratorCli implements Callable<Integer> {

    @Option(names = "--series", defaultValue = "100", description = "Number of series (default: ${DEFAULT-VALUE}).")
    int series;

    @ArgGroup(exclusive = true)
    Length length;

    static final class Length {
        @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Event time covered: 2d, 12h, P2D, ... (default: 1d).")
        Duration duration;

        @Option(names = "--steps", paramLabel = "N", description = "Points per series, instead of --duration.")
        Integer steps;
    }

    @Option(names = "--step", paramLabel = "DURATION", defaultValue = "1m", converter = DurationConverter.class,
            description = "Event-time spacing of the points (default: ${DEFAULT-VALUE}).")
    Duration step;

    @Option(names = "--start", paramLabel = "TIME", converter = StartConverter.class,
            description = "Event time of the first point: ISO-8601, a UTC date or epoch ms (default: so that the "
                    + "last point is the last whole step before now).")
    Instant start;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--anomalies", paramLabel = "MIX", defaultValue = "all",
            description = "Anomaly kinds and their relative weights: all, none, spike,drift or spike=3,dropout=1; "
                    + "kinds: spike, level-shift, drift, dropout, variance (default: ${DEFAULT-VALUE}).")
    String anomalies;

    @Option(names = "--anomaly-rate", paramLabel = "R", defaultValue = "1",
            description = "Anomalies per series per day of event time, on average; they are at least 120 steps "
                    + "apart (default: ${DEFAULT-VALUE}).")
    double anomalyRate;

    @Option(names = "--warm-up-steps", paramLabel = "N", defaultValue = "240",
            description = "No anomaly in each series' first N steps (default: ${DEFAULT-VALUE}).")
    int warmUpSteps;

    @Option(names = "--magnitude", paramLabel = "X", defaultValue = "1",
            description = "Multiplies every anomaly's size; below 1 makes them subtler (default: ${DEFAULT-VALUE}).")
    double magnitude;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "%nOutput (exactly one):%n")
    Output output;

    static final class Output {
        @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", description = "Send to Kafka at HOSTS.")
        String bootstrapServers;

        @Option(names = "--csv-dir", paramLabel = "DIR",
                description = "Write <series>.csv (ts,value) per series and labels.csv (series,start,end,kind) to "
                        + "DIR, a new or empty directory.")
        Path csvDir;
    }

    @ArgGroup(exclusive = false, heading = "%nKafka output:%n")
    KafkaOptions kafka = new KafkaOptions();

    static final class KafkaOptions {
        @Option(names = "--topic", defaultValue = KafkaSink.DEFAULT_TOPIC,
                description = "Metrics topic (default: ${DEFAULT-VALUE}).")
        String topic = KafkaSink.DEFAULT_TOPIC;

        @Option(names = "--labels-topic", defaultValue = KafkaSink.DEFAULT_LABELS_TOPIC,
                description = "Topic for the labels, each sent once its last point was; 'none' for no labels topic "
                        + "(default: ${DEFAULT-VALUE}).")
        String labelsTopic = KafkaSink.DEFAULT_LABELS_TOPIC;

        @Option(names = "--labels-file", paramLabel = "FILE", description = "Also write the labels to this CSV file.")
        Path labelsFile;

        @Option(names = "--rate", paramLabel = "POINTS_PER_S", defaultValue = "0",
                description = "Points per second over all series; 0 sends as fast as Kafka takes them "
                        + "(default: ${DEFAULT-VALUE}).")
        double rate;

        @Option(names = "--producer-property", paramLabel = "KEY=VALUE",
                description = "Extra Kafka producer setting, repeatable (security, client id, ...).")
        Map<String, String> producerProperties = new LinkedHashMap<>();

        @Option(names = "--kafka-timeout", paramLabel = "DURATION", defaultValue = "30s",
                converter = DurationConverter.class,
                description = "Longest wait for the brokers (default: ${DEFAULT-VALUE}).")
        Duration timeout = Duration.ofSeconds(30);
    }

    @Option(names = "--quiet", description = "No progress lines.")
    boolean quiet;

    @Spec
    CommandSpec command;

    private final PrintStream out;

    GeneratorCli(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    /** Runs the CLI and returns its exit code; used by {@link #main} and by tests. */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new GeneratorCli(out));
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setParameterExceptionHandler((e, arguments) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().getErr().println("Run vigil-generator --help for the options.");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        if (output.csvDir != null) {
            rejectKafkaOptionsForCsv();
        }
        GeneratorSpec spec = spec();
        MetricGenerator generator = new MetricGenerator(spec);
        out.printf(Locale.ROOT, "%d series x %,d steps of %s (%,d points), %s to %s, seed %d%n", spec.series(),
                spec.steps(), Progress.duration(Duration.ofMillis(spec.stepMillis())), spec.points(),
                Instant.ofEpochMilli(spec.startMillis()), Instant.ofEpochMilli(spec.timestamp(spec.steps() - 1)),
                spec.seed());
        if (spec.anomalies().isEmpty() || spec.anomalyRate() == 0) {
            out.println("Anomalies: none");
        } else {
            out.printf(Locale.ROOT, "Anomalies: %s, about %s per series per day, none in the first %d steps: %d "
                    + "labels%n", spec.anomalies(), anomalyRate, spec.warmUpSteps(), generator.labels().size());
        }
        if (output.csvDir != null) {
            return writeCsv(generator);
        }
        return new KafkaRun(out, quiet).run(generator, settings(), kafka.labelsFile, kafka.rate);
    }

    private int writeCsv(MetricGenerator generator) throws Exception {
        Progress progress = new Progress(out, quiet);
        CsvOutput.Result result = CsvOutput.write(generator, output.csvDir,
                done -> progress.seriesWritten(done, generator.spec().series()));
        out.printf(Locale.ROOT, "Wrote %d series files (%,d points) and %s with %d labels to %s in %s%n",
                result.files(), result.points(), "labels.csv", result.labels(), output.csvDir, progress.elapsed());
        return 0;
    }

    private KafkaSink.Settings settings() {
        String labels = kafka.labelsTopic.equalsIgnoreCase("none") || kafka.labelsTopic.isBlank()
                ? null : kafka.labelsTopic;
        return new KafkaSink.Settings(output.bootstrapServers, kafka.topic, labels, kafka.producerProperties,
                kafka.timeout);
    }

    private GeneratorSpec spec() {
        if (kafka.rate < 0 || Double.isNaN(kafka.rate)) {
            throw new IllegalArgumentException("--rate: found " + kafka.rate + ", expected points per second >= 0");
        }
        long stepMillis = step.toMillis();
        if (stepMillis < 1) {
            throw new IllegalArgumentException("--step: found " + step + ", expected at least 1 ms");
        }
        int steps;
        if (length != null && length.steps != null) {
            steps = length.steps;
        } else {
            Duration duration = length != null && length.duration != null ? length.duration : Duration.ofDays(1);
            long n = duration.toMillis() / stepMillis;
            if (n < 1 || n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("--duration " + duration + " holds " + n + " steps of "
                        + stepMillis + " ms, expected 1 to " + Integer.MAX_VALUE);
            }
            steps = (int) n;
        }
        if (steps < 1) {
            throw new IllegalArgumentException("--steps: found " + steps + ", expected at least 1");
        }
        long startMillis = start != null ? start.toEpochMilli()
                : Math.floorDiv(System.currentTimeMillis(), stepMillis) * stepMillis - (steps - 1L) * stepMillis;
        AnomalyMix mix;
        try {
            mix = AnomalyMix.parse(anomalies);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--anomalies: " + e.getMessage(), e);
        }
        try {
            return new GeneratorSpec(series, steps, stepMillis, startMillis, seed, mix, anomalyRate, warmUpSteps,
                    magnitude);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage(), e);
        }
    }

    private void rejectKafkaOptionsForCsv() {
        for (String option : new String[] {"--topic", "--labels-topic", "--labels-file", "--rate",
            "--producer-property", "--kafka-timeout"}) {
            if (command.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new IllegalArgumentException(option + " applies to Kafka output (--bootstrap-servers), not "
                        + "to --csv-dir");
            }
        }
    }

    /** Prints the generator's version, from the jar manifest when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = GeneratorCli.class.getPackage().getImplementationVersion();
            return new String[] {"vigil-generator " + (version == null ? "(development build)" : version)};
        }
    }
}
