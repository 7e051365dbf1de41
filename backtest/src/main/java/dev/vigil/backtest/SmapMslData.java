package dev.vigil.backtest;

import dev.vigil.streamer.evaluation.TimeRange;
import dev.vigil.trainer.data.CsvHistoryReader;
import dev.vigil.trainer.data.CsvOptions;
import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.Series;
import dev.vigil.trainer.data.TimeFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMAP/MSL spacecraft telemetry benchmark's layout: {@code train/<channel>.csv}, {@code test/<channel>.csv}
 * (columns {@code step, value, cmd01..}) and {@code labeled_anomalies.csv} (channel, spacecraft, anomaly sequences as
 * inclusive {@code [start, end]} row ranges of the test file).
 */
final class SmapMslData {

    /** Steps are sample indexes; they become timestamps one minute apart, as the trainer reads step indexes. */
    static final long STEP_MILLIS = CsvOptions.DEFAULT_INDEX_STEP_MILLIS;

    private static final Pattern RANGE = Pattern.compile("\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*]");

    record Channel(String id, String spacecraft, List<TimeRange> anomalies) {
    }

    private final Path dir;
    private final List<Channel> channels;

    private SmapMslData(Path dir, List<Channel> channels) {
        this.dir = dir;
        this.channels = channels;
    }

    static SmapMslData open(Path dir) {
        Path labels = dir.resolve("labeled_anomalies.csv");
        if (!Files.isRegularFile(labels) || !Files.isDirectory(dir.resolve("train"))
                || !Files.isDirectory(dir.resolve("test"))) {
            throw new IllegalArgumentException("--data " + dir + ": expected labeled_anomalies.csv, train/ and test/ "
                    + "(the SMAP/MSL layout)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(labels, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + labels + ": " + e.getMessage(), e);
        }
        List<Channel> channels = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> cells = quotedCells(lines.get(i));
            if (cells.size() < 3) {
                throw new IllegalArgumentException(labels + " line " + (i + 1) + ": expected chan_id, spacecraft, "
                        + "anomaly_sequences, found " + cells);
            }
            List<TimeRange> anomalies = new ArrayList<>();
            Matcher m = RANGE.matcher(cells.get(2));
            while (m.find()) {
                anomalies.add(new TimeRange(Long.parseLong(m.group(1)) * STEP_MILLIS,
                        Long.parseLong(m.group(2)) * STEP_MILLIS));
            }
            if (anomalies.isEmpty()) {
                throw new IllegalArgumentException(labels + " line " + (i + 1) + ": anomaly_sequences '"
                        + cells.get(2) + "' holds no [start, end] range");
            }
            channels.add(new Channel(cells.get(0), cells.get(1), List.copyOf(anomalies)));
        }
        return new SmapMslData(dir, List.copyOf(channels));
    }

    List<Channel> channels() {
        return channels;
    }

    History train(List<Channel> chosen, List<String> features) {
        return read("train", chosen, features);
    }

    History test(List<Channel> chosen, List<String> features) {
        return read("test", chosen, features);
    }

    /** The command columns of a spacecraft's files (they differ between SMAP and MSL). */
    List<String> commandColumns(Channel channel) {
        Path file = dir.resolve("test").resolve(channel.id() + ".csv");
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            String header = lines.findFirst().orElse("");
            return List.of(header.split(",")).stream().map(String::trim).filter(c -> c.startsWith("cmd")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private History read(String split, List<Channel> chosen, List<String> features) {
        List<Series> series = new ArrayList<>();
        for (Channel channel : chosen) {
            Path file = dir.resolve(split).resolve(channel.id() + ".csv");
            History one = CsvHistoryReader.read(new CsvOptions(file, "step", TimeFormat.INDEX, features,
                    STEP_MILLIS));
            series.add(one.series().get(0));
        }
        return new History("SMAP/MSL " + split + " files", features, series, STEP_MILLIS);
    }

    /** Splits a CSV line on commas outside double quotes and removes the quotes. */
    static List<String> quotedCells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().trim());
        return cells;
    }

    /**
     * A channel's train rows followed by its test rows, one step apart throughout, scored from the first test row:
     * the test file as a stream that had been running since the train file's first row would see it.
     */
    static ScoredSeries afterTrain(Series train, Series test) {
        int trainRows = train.timestamps().length;
        int rows = trainRows + test.timestamps().length;
        long[] timestamps = new long[rows];
        for (int r = 0; r < rows; r++) {
            timestamps[r] = r * STEP_MILLIS;
        }
        double[] values = new double[train.values().length + test.values().length];
        System.arraycopy(train.values(), 0, values, 0, train.values().length);
        System.arraycopy(test.values(), 0, values, train.values().length, test.values().length);
        return new ScoredSeries(test.id(), timestamps, values, test.featureCount(), trainRows);
    }

    /** Ranges of the test file's rows, moved by {@code rows} steps (to follow the train rows put before them). */
    static List<TimeRange> shifted(List<TimeRange> ranges, int rows) {
        return ranges.stream().map(r -> new TimeRange(r.start() + rows * STEP_MILLIS, r.end() + rows * STEP_MILLIS,
                r.kind())).toList();
    }
}
