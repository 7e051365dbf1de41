package dev.vigil.trainer.cli;

import dev.vigil.trainer.data.CsvHistoryReader;
import dev.vigil.trainer.data.CsvOptions;
import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.KafkaHistoryReader;
import dev.vigil.trainer.data.KafkaOptions;
import dev.vigil.trainer.data.SyntheticHistory;
import dev.vigil.trainer.data.TimeFormat;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the history comes from: exactly one of CSV, a Kafka topic, or generated synthetic series. */
public final class HistorySourceOptions {

    private static final Pattern SYNTHETIC = Pattern.compile("(\\d+)x(\\d+)(\\+flag)?");

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "%nHistory source (exactly one):%n")
    Source source;

    static final class Source {
        @Option(names = "--csv", paramLabel = "PATH",
                description = "CSV file, or directory of *.csv files (one series per file, id = file name).")
        Path csv;

        @Option(names = "--kafka-topic", paramLabel = "TOPIC",
                description = "Metrics topic to read from the earliest offsets to the end offsets found at start "
                        + "(key = series id, value = Vigil's JSON input format).")
        String kafkaTopic;

        @Option(names = "--synthetic", paramLabel = "SERIESxSTEPS[+flag]",
                description = "Generate seasonal synthetic series, e.g. 100x10000; '+flag' adds an input-only "
                        + "0/1 feature 'flag'.")
        String synthetic;
    }

    @Option(names = "--time-column", paramLabel = "NAME",
            description = "CSV time column (default: ts, time, timestamp or date, else the first column).")
    String timeColumn;

    @Option(names = "--time-format", paramLabel = "FORMAT", defaultValue = "AUTO",
            description = "CSV time format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: ISO-8601 if not "
                    + "a number, step index below 1e11, else epoch ms).")
    TimeFormat timeFormat;

    @Option(names = "--features", paramLabel = "NAME", split = ",",
            description = "Features to read, in this order (default: every CSV value column, or the first "
                    + "record's features on Kafka).")
    List<String> features = new ArrayList<>();

    @Option(names = "--step-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Step interval, ISO-8601 (PT1M) or milliseconds (default: the median spacing of the "
                    + "timestamps; 1 minute for step-index times).")
    Duration stepInterval;

    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--kafka-timeout", paramLabel = "DURATION", defaultValue = "PT30S",
            converter = DurationConverter.class,
            description = "How long to wait for the broker (default: ${DEFAULT-VALUE}).")
    Duration kafkaTimeout;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "Extra Kafka consumer property, repeatable (security settings, client id, ...).")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(names = "--synthetic-seed", paramLabel = "N", defaultValue = "7",
            description = "Seed of the synthetic series (default: ${DEFAULT-VALUE}).")
    long syntheticSeed;

    /** Another CSV file or directory, read with the same time and feature options (e.g. separate training files). */
    public History readCsv(Path path) {
        long stepMillis = stepInterval == null ? 0 : stepInterval.toMillis();
        return CsvHistoryReader.read(new CsvOptions(path, timeColumn, timeFormat, features, stepMillis));
    }

    public History read() {
        long stepMillis = stepInterval == null ? 0 : stepInterval.toMillis();
        if (source.csv != null) {
            return CsvHistoryReader.read(new CsvOptions(source.csv, timeColumn, timeFormat, features, stepMillis));
        }
        if (source.kafkaTopic != null) {
            return KafkaHistoryReader.read(new KafkaOptions(bootstrapServers, source.kafkaTopic, features,
                    stepMillis, kafkaTimeout, kafkaProperties));
        }
        Matcher m = SYNTHETIC.matcher(source.synthetic);
        if (!m.matches()) {
            throw new IllegalArgumentException("--synthetic: found '" + source.synthetic
                    + "', expected SERIESxSTEPS such as 100x10000, optionally followed by +flag");
        }
        SyntheticHistory synthetic = SyntheticHistory.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                syntheticSeed);
        if (stepMillis > 0) {
            synthetic = new SyntheticHistory(synthetic.seriesCount(), synthetic.steps(), synthetic.period(),
                    synthetic.noiseFraction(), stepMillis, synthetic.seed(), false);
        }
        return (m.group(3) != null ? synthetic.withFlag() : synthetic).generate();
    }
}
