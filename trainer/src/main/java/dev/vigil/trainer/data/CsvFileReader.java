package dev.vigil.trainer.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads one CSV file into one series; the rules are documented on {@link CsvHistoryReader}. */
final class CsvFileReader {

    private static final Set<String> DEFAULT_TIME_COLUMNS = Set.of("ts", "time", "timestamp", "date");
    private static final Set<String> NON_FINITE = Set.of("nan", "+nan", "-nan", "inf", "+inf", "-inf",
            "infinity", "+infinity", "-infinity");
    private static final String NUMBER = "a finite number";

    /** The file's series, the features it was read with, and the time format of its time column. */
    record Result(Series series, List<String> features, TimeFormat timeFormat) {
    }

    private final Path file;
    private final CsvOptions options;
    private int line;

    private CsvFileReader(Path file, CsvOptions options) {
        this.file = file;
        this.options = options;
    }

    /**
     * Reads {@code file}. {@code agreed} is null for the first file of a read without a features option; later files
     * get the first file's features and must have exactly those value columns, in any order.
     */
    static Result read(Path file, CsvOptions options, List<String> agreed, Path agreedFile, long indexStepMillis) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new CsvFileReader(file, options).read(in, agreed, agreedFile, indexStepMillis);
        } catch (IOException e) {
            throw new HistoryException(file + ": could not read the file: " + e.getMessage(), e);
        }
    }

    static String seriesId(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private Result read(BufferedReader in, List<String> agreed, Path agreedFile, long indexStepMillis)
            throws IOException {
        String headerLine = nextLine(in);
        if (headerLine == null) {
            throw new HistoryException(file + ": the file is empty, expected a header row and data rows");
        }
        List<String> header = cells(headerLine.startsWith("\uFEFF") ? headerLine.substring(1) : headerLine);
        checkHeader(header);
        int timeIndex = timeIndex(header);
        List<String> valueColumns = new ArrayList<>(header);
        valueColumns.remove(timeIndex);
        List<String> features = features(valueColumns, header, agreed, agreedFile);
        int[] featureIndex = features.stream().mapToInt(header::indexOf).toArray();

        String timeName = header.get(timeIndex);
        SeriesBuilder rows = new SeriesBuilder(seriesId(file), features.size());
        TimeFormat format = null;
        double[] row = new double[features.size()];
        for (String text = nextLine(in); text != null; text = nextLine(in)) {
            List<String> cells = cells(text);
            if (cells.size() != header.size()) {
                throw new HistoryException(file + ", line " + line + ": found " + cells.size() + " cells, expected "
                        + header.size() + " (the header's columns: " + String.join(", ", header) + ")");
            }
            String time = cells.get(timeIndex);
            if (format == null && !time.isEmpty()) {
                format = options.timeFormat().resolve(time);
            }
            long ts = timestamp(format, timeName, time, indexStepMillis);
            for (int f = 0; f < row.length; f++) {
                row[f] = value(header.get(featureIndex[f]), cells.get(featureIndex[f]));
            }
            rows.add(ts, row);
        }
        if (rows.size() == 0) {
            throw new HistoryException(file + ": the file has a header but no data rows");
        }
        return new Result(rows.build(file.toString()), features, format);
    }

    private void checkHeader(List<String> header) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (name.isEmpty()) {
                throw new HistoryException(file + ", line 1 (header): column " + (i + 1)
                        + " has no name, expected a column name");
            }
            if (!seen.add(name)) {
                throw new HistoryException(file + ", line 1 (header): column '" + name
                        + "' appears twice, expected unique column names");
            }
        }
        if (header.size() < 2) {
            throw new HistoryException(file + ", line 1 (header): found the columns " + header
                    + ", expected a time column and at least one value column");
        }
    }

    private int timeIndex(List<String> header) {
        if (options.timeColumn() != null) {
            int index = header.indexOf(options.timeColumn());
            if (index < 0) {
                throw new HistoryException(file + ": has no time column '" + options.timeColumn()
                        + "'; columns found: " + String.join(", ", header));
            }
            return index;
        }
        for (int i = 0; i < header.size(); i++) {
            if (DEFAULT_TIME_COLUMNS.contains(header.get(i).toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return 0;
    }

    private List<String> features(List<String> valueColumns, List<String> header, List<String> agreed,
                                  Path agreedFile) {
        List<String> requested = options.features();
        if (!requested.isEmpty()) {
            Set<String> unique = new HashSet<>();
            for (String name : requested) {
                if (!unique.add(name)) {
                    throw new HistoryException("feature '" + name + "' is requested twice, expected unique names");
                }
                if (!valueColumns.contains(name)) {
                    String why = header.contains(name) ? "it is the time column" : "no such column";
                    throw new HistoryException(file + ": cannot read requested feature '" + name + "' (" + why
                            + "); columns found: " + String.join(", ", header));
                }
            }
            return requested;
        }
        if (agreed == null) {
            return valueColumns;
        }
        if (!Set.copyOf(valueColumns).equals(Set.copyOf(agreed))) {
            throw new HistoryException("files disagree on features: " + agreedFile + " has " + agreed + ", " + file
                    + " has " + valueColumns + "; make the files agree or choose the features to read");
        }
        return agreed;
    }

    private long timestamp(TimeFormat format, String column, String cell, long indexStepMillis) {
        if (cell.isEmpty()) {
            throw fail(column, cell, (format == null ? options.timeFormat() : format).expected()
                    + " (missing times are not allowed)");
        }
        Long parsed = format.parse(cell);
        if (parsed == null) {
            String decided = options.timeFormat() == TimeFormat.AUTO
                    ? " (time format " + format + ", decided from the first data row)" : "";
            throw fail(column, cell, format.expected() + decided);
        }
        if (format != TimeFormat.INDEX) {
            return parsed;
        }
        try {
            return Math.multiplyExact(parsed, indexStepMillis);
        } catch (ArithmeticException e) {
            throw fail(column, cell, "a step index whose time (index x " + indexStepMillis + " ms) fits in a long");
        }
    }

    private double value(String column, String cell) {
        if (cell.isEmpty()) {
            throw fail(column, cell, NUMBER + " (missing values are not allowed)");
        }
        if (NON_FINITE.contains(cell.toLowerCase(Locale.ROOT))) {
            throw fail(column, cell, NUMBER + " (NaN and infinity are not allowed)");
        }
        double value;
        try {
            value = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw fail(column, cell, NUMBER);
        }
        if (!Double.isFinite(value)) {
            throw fail(column, cell, NUMBER + " (NaN and infinity are not allowed)");
        }
        return value;
    }

    private HistoryException fail(String column, String cell, String expected) {
        String found = cell.isEmpty() ? "an empty cell" : "'" + cell + "'";
        return new HistoryException(file + ", line " + line + ", column '" + column + "': found " + found
                + ", expected " + expected);
    }

    /** The next line that is not blank, counting every line read; null at the end of the file. */
    private String nextLine(BufferedReader in) throws IOException {
        for (String text = in.readLine(); text != null; text = in.readLine()) {
            line++;
            if (!text.isBlank()) {
                return text;
            }
        }
        return null;
    }

    /** Splits on every comma, trims each cell and strips one pair of surrounding double quotes. */
    private static List<String> cells(String text) {
        String[] parts = text.split(",", -1);
        List<String> cells = new ArrayList<>(parts.length);
        for (String part : parts) {
            String cell = part.trim();
            if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
                cell = cell.substring(1, cell.length() - 1).trim();
            }
            cells.add(cell);
        }
        return cells;
    }
}
