package dev.vigil.backtest;

import dev.vigil.streamer.evaluation.EventCounts;
import dev.vigil.streamer.evaluation.EventMatch;
import dev.vigil.streamer.evaluation.TimeRange;
import dev.vigil.trainer.report.Charts;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes what a backtest found: {@code rows/<series>.csv} (one line per evaluated row), {@code report.md}, and
 * {@code charts/<series>.png} (actual vs expected with flagged and labeled ranges) for the most interesting series.
 */
public final class BacktestOutput {

    private BacktestOutput() {
    }

    /** The totals over all series. */
    public static EventCounts totals(List<SeriesResult> results) {
        return results.stream().map(r -> r.match().counts()).reduce(EventCounts.ZERO, EventCounts::plus);
    }

    public static void writeRows(Path dir, List<SeriesResult> results) {
        Path rowsDir = dir.resolve("rows");
        try {
            Files.createDirectories(rowsDir);
            for (SeriesResult result : results) {
                try (BufferedWriter out = Files.newBufferedWriter(rowsDir.resolve(fileName(result.series()) + ".csv"),
                        StandardCharsets.UTF_8)) {
                    out.write(header(result.targets()));
                    for (RowResult row : result.rows()) {
                        StringBuilder line = new StringBuilder().append(row.ts());
                        for (int t = 0; t < result.targets().size(); t++) {
                            line.append(',').append(num(row.actual()[t])).append(',').append(num(row.expected()[t]))
                                    .append(',').append(num(row.lower()[t])).append(',').append(num(row.upper()[t]));
                        }
                        line.append(',').append(num(row.score())).append(',').append(row.flag() ? 1 : 0)
                                .append(',').append(row.alert() ? 1 : 0).append('\n');
                        out.write(line.toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write rows under " + rowsDir + ": " + e.getMessage(), e);
        }
    }

    /** {@code ts,value,expected,lower,upper,...}; with several targets each gets its own four columns. */
    static String header(List<String> targets) {
        StringBuilder header = new StringBuilder("ts");
        for (String t : targets) {
            header.append(targets.size() == 1 ? ",value,expected,lower,upper"
                    : "," + t + ",expected_" + t + ",lower_" + t + ",upper_" + t);
        }
        return header.append(",score,flag,alert\n").toString();
    }

    /** Writes charts for up to {@code limit} series, those with labels or alerts first; returns the files. */
    public static List<Path> writeCharts(Path dir, List<SeriesResult> results, int limit, long stepMillis) {
        List<SeriesResult> ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparingInt((SeriesResult r) -> -(r.labels().size() + r.alerts().size()))
                .thenComparing(SeriesResult::series));
        List<Path> written = new ArrayList<>();
        Path chartsDir = dir.resolve("charts");
        for (SeriesResult result : ordered.subList(0, Math.min(limit, ordered.size()))) {
            if (result.rows().isEmpty()) {
                continue;
            }
            try {
                Files.createDirectories(chartsDir);
            } catch (IOException e) {
                throw new UncheckedIOException("could not create " + chartsDir + ": " + e.getMessage(), e);
            }
            Path file = chartsDir.resolve(fileName(result.series()) + ".png");
            Charts.save(chart(result, stepMillis), file);
            written.add(file);
        }
        return written;
    }

    static XYChart chart(SeriesResult result, long stepMillis) {
        List<RowResult> rows = result.rows();
        int n = rows.size();
        double[] x = new double[n];
        double[] actual = new double[n];
        double[] expected = new double[n];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            RowResult row = rows.get(i);
            x[i] = (row.ts() - rows.get(0).ts()) / (double) stepMillis;
            actual[i] = row.actual()[0];
            expected[i] = row.expected()[0];
            min = Math.min(min, actual[i]);
            max = Math.max(max, actual[i]);
        }
        double span = max > min ? max - min : 1;
        EventCounts counts = result.match().counts();
        XYChart chart = new XYChartBuilder().width(1400).height(500)
                .title(String.format(Locale.ROOT, "%s: %d labeled, %d detected, %d false alerts", result.series(),
                        result.labels().size(), counts.truePositives(), counts.falsePositives()))
                .xAxisTitle("steps from the first evaluated row").yAxisTitle(result.targets().get(0)).build();
        chart.getStyler().setMarkerSize(4);
        chart.addSeries("actual", x, actual).setMarker(SeriesMarkers.NONE).setLineColor(new Color(40, 40, 40))
                .setLineWidth(1f);
        chart.addSeries("expected", x, expected).setMarker(SeriesMarkers.NONE).setLineColor(new Color(30, 110, 220))
                .setLineWidth(1f);
        band(chart, "labeled anomaly", result.labels(), rows, x, min - 0.06 * span, new Color(200, 30, 30));
        band(chart, "alert (OPENED..RESOLVED)", result.alerts(), rows, x, min - 0.12 * span,
                new Color(240, 150, 0));
        return chart;
    }

    /** A thick line under the data where the ranges are, broken (NaN) elsewhere. */
    private static void band(XYChart chart, String name, List<TimeRange> ranges, List<RowResult> rows, double[] x,
                             double y, Color color) {
        double[] ys = new double[rows.size()];
        boolean any = false;
        for (int i = 0; i < rows.size(); i++) {
            long ts = rows.get(i).ts();
            boolean inside = ranges.stream().anyMatch(r -> r.start() <= ts && ts <= r.end());
            ys[i] = inside ? y : Double.NaN;
            any |= inside;
        }
        if (!any) {
            return;
        }
        XYSeries series = chart.addSeries(name, x, ys);
        series.setMarker(SeriesMarkers.NONE).setLineColor(color);
        series.setLineStyle(new BasicStroke(6f));
    }

    /** The report: totals, per-kind detection when labels carry kinds, and one line per series. */
    public static String report(String title, List<SeriesResult> results, List<String> notes) {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        notes.forEach(note -> md.append(note).append("\n"));
        if (!notes.isEmpty()) {
            md.append('\n');
        }
        EventCounts total = totals(results);
        long rows = results.stream().mapToLong(r -> r.rows().size()).sum();
        md.append(String.format(Locale.ROOT, "%d series, %d rows evaluated.%n%n", results.size(), rows));
        md.append("| | labeled | detected (TP) | missed (FN) | false alerts (FP) | precision | recall | F1 |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        md.append(countsRow("all series", total));
        Map<String, long[]> byKind = new TreeMap<>();
        for (SeriesResult r : results) {
            for (EventMatch.LabelOutcome o : r.match().labels()) {
                if (o.label().kind() == null) {
                    continue;
                }
                long[] k = byKind.computeIfAbsent(o.label().kind(), key -> new long[4]);
                k[0]++;
                if (o.detected()) {
                    k[1]++;
                    k[2] += o.delay();
                }
            }
        }
        if (!byKind.isEmpty()) {
            md.append("\n| anomaly kind | labeled | detected | recall | mean delay (ms) |\n|---|---:|---:|---:|---:|\n");
            byKind.forEach((kind, k) -> md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f%% | %s |%n", kind,
                    k[0], k[1], 100.0 * k[1] / k[0], k[1] == 0 ? "-" : Long.toString(k[2] / k[1]))));
        }
        md.append("\n| series | rows | labeled | detected | false alerts | alerts |\n|---|---:|---:|---:|---:|---:|\n");
        for (SeriesResult r : results) {
            EventCounts c = r.match().counts();
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d |%n", r.series(), r.rows().size(),
                    r.labels().size(), c.truePositives(), c.falsePositives(), r.alerts().size()));
        }
        return md.toString();
    }

    public static String countsRow(String name, EventCounts c) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.1f%% | %.1f%% | %.3f |%n", name,
                c.truePositives() + c.falseNegatives(), c.truePositives(), c.falseNegatives(), c.falsePositives(),
                100 * c.precision(), 100 * c.recall(), c.f1());
    }

    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** Series ids may hold characters a file name cannot. */
    static String fileName(String series) {
        return series.replaceAll("[^A-Za-z0-9._=-]", "_");
    }
}
