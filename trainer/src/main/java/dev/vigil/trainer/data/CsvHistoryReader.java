package dev.vigil.trainer.data;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads history from CSV: one file, or a directory whose {@code *.csv} files are read in name order. Each file is
 * one series whose id is the file name without its extension. In a directory, {@value #LABELS_FILE} is not a series
 * but anomaly labels (as vigil-generator writes them beside its series) and is skipped.
 *
 * <ul>
 *   <li>The first row is the header. The time column is {@link CsvOptions#timeColumn()}, else the column named
 *       ts, time, timestamp or date (any case), else the first column. Times are read as {@link TimeFormat} says;
 *       {@link TimeFormat#AUTO} decides per file from the first data row: ISO-8601 when it is not a number, a step
 *       index when it is a whole number below 1e11, otherwise epoch milliseconds. A step index {@code i} becomes
 *       the timestamp {@code i * stepMillis} (60000 ms when no step is given). All files must use step indexes, or
 *       none.</li>
 *   <li>The value columns are {@link CsvOptions#features()} in that order, which every file must have (other
 *       columns are ignored), or else every column but the time column, which all files must then share.</li>
 *   <li>Cells are split on every comma, trimmed, and one pair of surrounding double quotes is removed: quoted commas
 *       and escaped quotes are not supported. Blank lines are skipped; every other row needs as many cells as the
 *       header.</li>
 *   <li>Every value must be a finite number: an empty cell, text, NaN or infinity is an error naming the file, the
 *       1-based line, the column, the value found and what was expected.</li>
 *   <li>Repairs, logged per file: rows out of time order are sorted; of rows with the same timestamp the last one
 *       is kept.</li>
 *   <li>The step interval is {@link CsvOptions#stepMillis()}, else the median spacing of the timestamps over all
 *       series.</li>
 * </ul>
 */
public final class CsvHistoryReader {

    /** The file of anomaly labels that may sit among a directory's series files; never read as a series. */
    public static final String LABELS_FILE = "labels.csv";
    private static final Logger LOG = LoggerFactory.getLogger(CsvHistoryReader.class);

    private CsvHistoryReader() {
    }

    /**
     * Reads the history the options describe.
     *
     * @throws HistoryException when the files cannot be read or hold data that cannot be trained on
     */
    public static History read(CsvOptions options) {
        List<Path> files = files(options.path());
        long indexStep = options.stepMillis() > 0 ? options.stepMillis() : CsvOptions.DEFAULT_INDEX_STEP_MILLIS;
        List<Series> series = new ArrayList<>(files.size());
        List<String> features = null;
        TimeFormat format = null;
        for (Path file : files) {
            CsvFileReader.Result result = CsvFileReader.read(file, options,
                    options.features().isEmpty() ? features : null, files.get(0), indexStep);
            if (features == null) {
                features = result.features();
                format = result.timeFormat();
            } else if ((format == TimeFormat.INDEX) != (result.timeFormat() == TimeFormat.INDEX)) {
                throw new HistoryException("files disagree on the time format: " + files.get(0) + " has "
                        + describe(format) + ", " + file + " has " + describe(result.timeFormat())
                        + "; use step indexes in all files or in none");
            }
            series.add(result.series());
            LOG.debug("{}: {} rows, time format {}", file, result.series().length(), result.timeFormat());
        }
        String source = options.path().toString();
        long step = options.stepMillis() > 0 ? options.stepMillis()
                : format == TimeFormat.INDEX ? indexStep : SeriesRepair.medianStepMillis(source, series);
        History history = new History(source, features, series, step);
        LOG.info("Read {} series, {} points, features {} from {}; step {} ms", series.size(), history.points(),
                features, source, step);
        return history;
    }

    private static String describe(TimeFormat format) {
        return format == TimeFormat.INDEX ? "step indexes" : "timestamps (" + format + ")";
    }

    private static List<Path> files(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new HistoryException(path + ": no such file or directory, expected a CSV file or a directory of "
                    + "*.csv files");
        }
        try (Stream<Path> children = Files.list(path)) {
            List<Path> files = children
                    .filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                    .filter(p -> !isLabels(p))
                    .sorted()
                    .toList();
            if (files.isEmpty()) {
                throw new HistoryException(path + ": the directory has no *.csv files");
            }
            return files;
        } catch (IOException e) {
            throw new HistoryException(path + ": could not list the directory: " + e.getMessage(), e);
        }
    }

    private static boolean isLabels(Path file) {
        boolean labels = file.getFileName().toString().equalsIgnoreCase(LABELS_FILE);
        if (labels) {
            LOG.info("Skipping {}: anomaly labels, not a series", file);
        }
        return labels;
    }
}
