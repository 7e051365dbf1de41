package dev.vigil.backtest;

import dev.vigil.input.Timestamps;
import dev.vigil.streamer.evaluation.TimeRange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads labeled anomaly ranges: a CSV with the header {@code series,start,end[,kind]}, one inclusive range per row.
 * Times are read like the series' CSV times: ISO-8601 when not a number, a step index when a whole number below
 * 1e11 (multiplied by the step interval), else epoch milliseconds.
 */
public final class LabelsFile {

    private LabelsFile() {
    }

    public static Map<String, List<TimeRange>> read(Path file, long stepMillis) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read labels " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + ": empty, expected the header series,start,end[,kind]");
        }
        List<String> header = cells(lines.get(0));
        int series = column(file, header, "series");
        int start = column(file, header, "start");
        int end = column(file, header, "end");
        int kind = header.indexOf("kind");
        Map<String, List<TimeRange>> labels = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> row = cells(lines.get(i));
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + row.size() + " cells, expected "
                        + header.size() + " as in the header");
            }
            long from = time(file, i, "start", row.get(start), stepMillis);
            long to = time(file, i, "end", row.get(end), stepMillis);
            if (to < from) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": end '" + row.get(end)
                        + "' is before start '" + row.get(start) + "'");
            }
            labels.computeIfAbsent(row.get(series), k -> new ArrayList<>())
                    .add(new TimeRange(from, to, kind >= 0 && !row.get(kind).isEmpty() ? row.get(kind) : null));
        }
        return labels;
    }

    private static long time(Path file, int line, String field, String cell, long stepMillis) {
        try {
            if (!cell.isEmpty() && (Character.isDigit(cell.charAt(0)) || cell.charAt(0) == '-')
                    && cell.chars().skip(1).allMatch(Character::isDigit)) {
                long value = Long.parseLong(cell);
                return Math.abs(value) < 100_000_000_000L ? Math.multiplyExact(value, stepMillis) : value;
            }
            Long iso = Timestamps.parseIso(cell);
            if (iso != null) {
                return iso;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new IllegalArgumentException(file + " line " + (line + 1) + ": " + field + " '" + cell
                + "' is not a time: expected epoch milliseconds, a step index or ISO-8601");
    }

    private static int column(Path file, List<String> header, String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(file + ": no '" + name + "' column in the header " + header
                    + ", expected series,start,end[,kind]");
        }
        return index;
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.split(",", -1)) {
            String c = cell.trim();
            if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
                c = c.substring(1, c.length() - 1);
            }
            cells.add(c);
        }
        return cells;
    }
}
