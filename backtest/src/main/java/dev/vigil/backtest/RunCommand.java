package dev.vigil.backtest;

import dev.vigil.streamer.evaluation.EventCounts;
import dev.vigil.streamer.evaluation.TimeRange;
import dev.vigil.trainer.cli.HistorySourceOptions;
import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.Series;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code vigil-backtest run}: backtest CSV series with a given model or one trained on the way. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Feeds every series, in time order, through the streamer's own topology (one forecast per "
                + "point) and writes per-row output, a report and charts; with --labels, event-level precision, "
                + "recall and detection delay.",
                "Writes <output>/report.md, <output>/rows/<series>.csv (ts, value, expected, lower, upper, score, "
                        + "flag, alert), <output>/charts/<series>.png, and <output>/model*.onnx when it trains."})
final class RunCommand extends BacktestCommand implements Callable<Integer> {

    @Mixin
    HistorySourceOptions history = new HistorySourceOptions();

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "%nModel (exactly one):%n")
    Source source;

    static final class Source {
        @Option(names = "--model", paramLabel = "FILE", description = "Score with this model; every row is scored.")
        Path model;

        @Option(names = "--train-fraction", paramLabel = "F",
                description = "Train on the first fraction F of every series, score the rest.")
        Double trainFraction;

        @Option(names = "--train-rows", paramLabel = "N", description = "Train on the first N rows of every series, "
                + "score the rest.")
        Integer trainRows;

        @Option(names = "--train-csv", paramLabel = "PATH",
                description = "Train on these CSV files (one per series, same file names and columns), score "
                        + "every row of the series.")
        Path trainCsv;
    }

    @Option(names = "--model-per-series",
            description = "Train one model per series instead of one model over all series.")
    boolean modelPerSeries;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "Labeled anomalies, CSV series,start,end[,kind] (inclusive; epoch ms, step index or "
                    + "ISO-8601).")
    Path labels;

    @Override
    public Integer call() {
        PrintWriter out = out();
        History data = history.read();
        out.printf(Locale.ROOT, "Read %d series, %d points, features %s, step %d ms from %s%n", data.series().size(),
                data.points(), data.features(), data.stepMillis(), data.source());
        Map<String, List<TimeRange>> labeled = labels == null ? Map.of()
                : LabelsFile.read(labels, data.stepMillis());
        List<String> unknown = labeled.keySet().stream()
                .filter(id -> data.series().stream().noneMatch(s -> s.id().equals(id))).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(labels + ": labels for series not in the data: " + unknown);
        }
        List<ScoredSeries> scored = new ArrayList<>();
        for (Series s : data.series()) {
            scored.add(new ScoredSeries(s.id(), s.timestamps(), s.values(), s.featureCount(), scoreFrom(s)));
        }
        List<SeriesResult> results = new ArrayList<>();
        if (source.model != null) {
            results.addAll(backtest(source.model, scored, data, labeled, out));
        } else if (!modelPerSeries) {
            Path trained = ModelSource.train(trainingHistory(data, data.series()), model,
                    scoring.output.resolve("model.onnx"), out);
            results.addAll(backtest(trained, scored, data, labeled, out));
        } else {
            for (int i = 0; i < scored.size(); i++) {
                Series s = data.series().get(i);
                Path trained = ModelSource.train(trainingHistory(data, List.of(s)), model,
                        scoring.output.resolve("models").resolve(BacktestOutput.fileName(s.id()) + ".onnx"), out);
                results.addAll(backtest(trained, List.of(scored.get(i)), data, labeled, out));
            }
        }
        BacktestOutput.writeRows(scoring.output, results);
        List<Path> charts = BacktestOutput.writeCharts(scoring.output, results, scoring.charts, data.stepMillis());
        String hindsight = labels != null ? hindsight(results) : "";
        List<String> notes = new ArrayList<>(List.of(
                "Model: " + modelDescription() + ". Settings: " + scoring.describe() + "."));
        if (!hindsight.isEmpty()) {
            notes.add("\n" + hindsight);
        }
        String report = BacktestOutput.report("Backtest of " + data.source(), results, notes);
        BacktestOutput.write(scoring.output.resolve("report.md"), report);
        EventCounts total = BacktestOutput.totals(results);
        long rows = results.stream().mapToLong(r -> r.rows().size()).sum();
        long alerts = results.stream().mapToLong(r -> r.alerts().size()).sum();
        out.printf(Locale.ROOT, "Scored %d rows of %d series: %d alerts%n", rows, results.size(), alerts);
        out.println(forecasts.describe());
        if (labels != null) {
            out.printf(Locale.ROOT, "Event level: %d labeled, %d detected, %d missed, %d false alerts: precision "
                            + "%.1f%%, recall %.1f%%, F1 %.3f%n", total.truePositives() + total.falseNegatives(),
                    total.truePositives(), total.falseNegatives(), total.falsePositives(), 100 * total.precision(),
                    100 * total.recall(), total.f1());
            out.println(hindsight);
        }
        out.println("Wrote " + scoring.output.resolve("report.md") + ", " + results.size() + " row files, "
                + charts.size() + " charts");
        out.flush();
        return 0;
    }

    private List<SeriesResult> backtest(Path modelFile, List<ScoredSeries> series, History data,
                                        Map<String, List<TimeRange>> labeled, PrintWriter out) {
        long total = series.stream().mapToLong(ScoredSeries::rows).sum();
        return score(modelFile, series, data.features(), labeled,
                fed -> out.printf(Locale.ROOT, "  %,d of %,d rows%n", fed, total));
    }

    private int scoreFrom(Series s) {
        if (source.trainFraction != null) {
            if (!(source.trainFraction > 0 && source.trainFraction < 1)) {
                throw new IllegalArgumentException("--train-fraction: found " + source.trainFraction
                        + ", expected a value in (0, 1)");
            }
            return (int) Math.floor(s.length() * source.trainFraction);
        }
        if (source.trainRows != null) {
            if (source.trainRows < 1 || source.trainRows >= s.length()) {
                throw new IllegalArgumentException("--train-rows: found " + source.trainRows + ", but series "
                        + s.id() + " has " + s.length() + " rows: expected 1.." + (s.length() - 1));
            }
            return source.trainRows;
        }
        return 0;
    }

    /** The rows a model is trained on: the prefixes of {@code series}, or their separate training files. */
    private History trainingHistory(History data, List<Series> series) {
        if (source.trainCsv != null) {
            History training = history.readCsv(source.trainCsv);
            if (!training.features().equals(data.features())) {
                throw new IllegalArgumentException("--train-csv " + source.trainCsv + ": features "
                        + training.features() + " differ from the scored series' " + data.features());
            }
            List<Series> matched = new ArrayList<>();
            for (Series s : series) {
                matched.add(training.series().stream().filter(t -> t.id().equals(s.id())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("--train-csv " + source.trainCsv
                                + ": no training file for series " + s.id())));
            }
            return new History(training.source(), training.features(), matched, data.stepMillis());
        }
        List<Series> prefixes = new ArrayList<>();
        for (Series s : series) {
            int rows = scoreFrom(s);
            prefixes.add(new Series(s.id(), Arrays.copyOf(s.timestamps(), rows),
                    Arrays.copyOf(s.values(), rows * s.featureCount()), s.featureCount()));
        }
        return new History(data.source() + " (training prefix)", data.features(), prefixes, data.stepMillis());
    }

    private String modelDescription() {
        if (source.model != null) {
            return source.model.toString();
        }
        String per = modelPerSeries ? "one model per series" : "one model over all series";
        if (source.trainCsv != null) {
            return per + ", trained on " + source.trainCsv;
        }
        return per + ", trained on the first " + (source.trainRows != null ? source.trainRows + " rows"
                : source.trainFraction + " of each series");
    }
}
