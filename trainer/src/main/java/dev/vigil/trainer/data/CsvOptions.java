package dev.vigil.trainer.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link CsvHistoryReader} reads and how.
 *
 * @param path       a CSV file, or a directory whose {@code *.csv} files are read in name order (one series each)
 * @param timeColumn the time column's name; null picks the column named ts, time, timestamp or date (any case),
 *                   else the first column
 * @param timeFormat how times are written; {@link TimeFormat#AUTO} by default
 * @param features   the value columns to read, in this order; empty reads every column but the time column
 * @param stepMillis the step interval; 0 infers it: 60000 for step-index times, else the median spacing of the
 *                   timestamps over all series
 */
public record CsvOptions(Path path, String timeColumn, TimeFormat timeFormat, List<String> features,
                         long stepMillis) {

    /** {@link #stepMillis()} for step-index times when no step is given: one minute. */
    public static final long DEFAULT_INDEX_STEP_MILLIS = 60_000L;

    public CsvOptions {
        Objects.requireNonNull(path, "path");
        timeFormat = timeFormat == null ? TimeFormat.AUTO : timeFormat;
        features = features == null ? List.of() : List.copyOf(features);
        if (timeColumn != null && timeColumn.isBlank()) {
            timeColumn = null;
        }
        if (stepMillis < 0) {
            throw new IllegalArgumentException("stepMillis: found " + stepMillis + ", expected > 0, or 0 to infer it");
        }
    }

    /** Reads every value column of the file or directory, finding the time column and format by itself. */
    public static CsvOptions of(Path path) {
        return new CsvOptions(path, null, TimeFormat.AUTO, List.of(), 0);
    }

    public CsvOptions withTimeColumn(String column) {
        return new CsvOptions(path, column, timeFormat, features, stepMillis);
    }

    public CsvOptions withTimeFormat(TimeFormat format) {
        return new CsvOptions(path, timeColumn, format, features, stepMillis);
    }

    public CsvOptions withFeatures(List<String> names) {
        return new CsvOptions(path, timeColumn, timeFormat, names, stepMillis);
    }

    public CsvOptions withFeatures(String... names) {
        return withFeatures(List.of(names));
    }

    public CsvOptions withStepMillis(long millis) {
        return new CsvOptions(path, timeColumn, timeFormat, features, millis);
    }
}
