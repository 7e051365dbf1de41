package dev.vigil.backtest;

import dev.vigil.streamer.evaluation.EventCounts;
import dev.vigil.streamer.evaluation.TimeRange;
import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.Series;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code vigil-backtest smap-msl}: the SMAP/MSL benchmark (Hundman et al., KDD 2018): train on each channel's train
 * file, score its test file with the streamer's scoring, and count detected labeled sequences, missed ones and
 * false alerts per spacecraft and overall.
 */
@Command(name = "smap-msl", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"The SMAP/MSL spacecraft telemetry benchmark: event-level precision, recall and F1 per "
                + "spacecraft and overall, beside the published LSTM detector's figures.",
                "Writes <output>/report.md, rows/, charts/ and the models it trains under <output>/models/."})
final class SmapMslCommand extends BacktestCommand implements Callable<Integer> {

    /** Hundman et al. 2018, LSTM with nonparametric dynamic thresholds and pruning: precision, recall. */
    static final Map<String, double[]> PUBLISHED = Map.of("SMAP", new double[] {0.855, 0.855},
            "MSL", new double[] {0.926, 0.694}, "overall", new double[] {0.875, 0.800});

    @Option(names = "--data", paramLabel = "DIR", required = true,
            description = "The benchmark data: labeled_anomalies.csv, train/<channel>.csv, test/<channel>.csv.")
    Path data;

    @Option(names = "--spacecraft", paramLabel = "NAME", split = ",", defaultValue = "SMAP,MSL",
            description = "Spacecraft to run (default: ${DEFAULT-VALUE}).")
    List<String> spacecraft;

    @Option(names = "--channels", paramLabel = "ID", split = ",",
            description = "Only these channels (default: every labeled channel of the chosen spacecraft).")
    List<String> channels = new ArrayList<>();

    @Option(names = "--commands",
            description = "Feed the one-hot command columns as input-only features beside the value.")
    boolean commands;

    @Option(names = "--model-per", paramLabel = "channel|spacecraft", defaultValue = "channel",
            description = "One model per channel (the paper's protocol) or one per spacecraft over all its train "
                    + "files (default: ${DEFAULT-VALUE}).")
    String modelPer;

    @Option(names = "--after-train",
            description = "Stream each channel's train file just before its test file, as one series: the train rows "
                    + "fill the window and the threshold history (as a streamer running since then would have them) "
                    + "and are not evaluated. Without it, scoring starts cold at the test file's first row.")
    boolean afterTrain;

    @Option(names = "--reuse-models",
            description = "Use the models an earlier run left under <output>/models instead of training again "
                    + "(to compare scoring settings on the same models).")
    boolean reuseModels;

    @Override
    public Integer call() {
        PrintWriter out = out();
        if (!modelPer.equals("channel") && !modelPer.equals("spacecraft")) {
            throw new IllegalArgumentException("--model-per: found '" + modelPer + "', expected channel or spacecraft");
        }
        SmapMslData benchmark = SmapMslData.open(data);
        long begin = System.nanoTime();
        Map<String, List<SeriesResult>> bySpacecraft = new LinkedHashMap<>();
        for (String craft : spacecraft) {
            List<SmapMslData.Channel> chosen = benchmark.channels().stream()
                    .filter(c -> c.spacecraft().equalsIgnoreCase(craft))
                    .filter(c -> channels.isEmpty() || channels.contains(c.id())).toList();
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException("--spacecraft " + craft + " with --channels " + channels
                        + ": no labeled channel matches");
            }
            List<String> features = new ArrayList<>(List.of("value"));
            if (commands) {
                features.addAll(benchmark.commandColumns(chosen.get(0)));
            }
            out.printf(Locale.ROOT, "%s: %d channels, features %s%n", craft, chosen.size(),
                    commands ? "value + " + (features.size() - 1) + " command columns" : features);
            List<SeriesResult> results = new ArrayList<>();
            if (modelPer.equals("spacecraft")) {
                results.addAll(run(benchmark, chosen, features, craft, out));
            } else {
                for (SmapMslData.Channel channel : chosen) {
                    results.addAll(run(benchmark, List.of(channel), features, channel.id(), out));
                }
            }
            bySpacecraft.put(craft.toUpperCase(Locale.ROOT), results);
            EventCounts counts = BacktestOutput.totals(results);
            out.printf(Locale.ROOT, "%s: precision %.1f%%, recall %.1f%%, F1 %.3f (TP %d, FP %d, FN %d)%n", craft,
                    100 * counts.precision(), 100 * counts.recall(), counts.f1(), counts.truePositives(),
                    counts.falsePositives(), counts.falseNegatives());
        }
        out.println(forecasts.describe());
        List<SeriesResult> all = bySpacecraft.values().stream().flatMap(List::stream).toList();
        BacktestOutput.writeRows(scoring.output, all);
        BacktestOutput.writeCharts(scoring.output, all, scoring.charts, SmapMslData.STEP_MILLIS);
        String table = table(bySpacecraft);
        double minutes = (System.nanoTime() - begin) / 60e9;
        String hindsight = hindsight(all);
        BacktestOutput.write(scoring.output.resolve("report.md"), BacktestOutput.report("SMAP/MSL benchmark", all,
                List.of(table, description() + String.format(Locale.ROOT, " Ran in %.1f min.", minutes), "\n" + hindsight)));
        out.print(table);
        out.println(hindsight);
        out.println("Wrote " + scoring.output.resolve("report.md"));
        out.flush();
        return 0;
    }

    private List<SeriesResult> run(SmapMslData benchmark, List<SmapMslData.Channel> chosen, List<String> features,
                                   String name, PrintWriter out) {
        // The label file lists a channel once per row (P-2 twice): each row is scored, its channel trained on once.
        List<List<SmapMslData.Channel>> rounds = distinctRounds(chosen);
        Path modelFile = scoring.output.resolve("models").resolve(name + ".onnx");
        if (!reuseModels || !java.nio.file.Files.isRegularFile(modelFile)) {
            ModelSource.train(benchmark.train(rounds.get(0), features), model, modelFile, out);
        }
        List<SeriesResult> results = new ArrayList<>();
        for (List<SmapMslData.Channel> round : rounds) {
            results.addAll(score(benchmark, round, features, modelFile));
        }
        for (SeriesResult r : results) {
            EventCounts c = r.match().counts();
            out.printf(Locale.ROOT, "  %-6s %5d rows: %d/%d labeled detected, %d false alerts%n", r.series(),
                    r.rows().size(), c.truePositives(), r.labels().size(), c.falsePositives());
        }
        return results;
    }

    /** The channels in rounds whose ids are unique, the first round holding every distinct channel. */
    static List<List<SmapMslData.Channel>> distinctRounds(List<SmapMslData.Channel> chosen) {
        List<List<SmapMslData.Channel>> rounds = new ArrayList<>();
        for (SmapMslData.Channel channel : chosen) {
            List<SmapMslData.Channel> round = rounds.stream()
                    .filter(r -> r.stream().noneMatch(c -> c.id().equals(channel.id())))
                    .findFirst().orElse(null);
            if (round == null) {
                round = new ArrayList<>();
                rounds.add(round);
            }
            round.add(channel);
        }
        return rounds;
    }

    private List<SeriesResult> score(SmapMslData benchmark, List<SmapMslData.Channel> chosen, List<String> features,
                                     Path modelFile) {
        History train = afterTrain ? benchmark.train(chosen, features) : null;
        History test = benchmark.test(chosen, features);
        List<ScoredSeries> scored = new ArrayList<>();
        Map<String, List<TimeRange>> labels = new LinkedHashMap<>();
        for (int i = 0; i < chosen.size(); i++) {
            Series t = test.series().get(i);
            SmapMslData.Channel channel = chosen.get(i);
            if (afterTrain) {
                ScoredSeries joined = SmapMslData.afterTrain(train.series().get(i), t);
                scored.add(joined);
                labels.put(channel.id(), SmapMslData.shifted(channel.anomalies(), joined.scoreFrom()));
            } else {
                scored.add(new ScoredSeries(t.id(), t.timestamps(), t.values(), t.featureCount(), 0));
                labels.put(channel.id(), channel.anomalies());
            }
        }
        return score(modelFile, scored, features, labels, fed -> { });
    }

    private String description() {
        String start = afterTrain ? "Each test file streamed right after its train file (rows from the train file not "
                + "evaluated). " : "";
        return start + "Model: one per " + modelPer + ", features " + (commands ? "value + command columns" : "value")
                + ", window " + model.window() + ". Settings: " + scoring.describe() + ".";
    }

    /** Vigil's precision / recall / F1 per spacecraft and overall, beside the published figures. */
    static String table(Map<String, List<SeriesResult>> bySpacecraft) {
        StringBuilder md = new StringBuilder("| | labeled | TP | FN | FP | precision | recall | F1 | published P / R |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        EventCounts overall = EventCounts.ZERO;
        for (Map.Entry<String, List<SeriesResult>> e : bySpacecraft.entrySet()) {
            EventCounts c = BacktestOutput.totals(e.getValue());
            overall = overall.plus(c);
            md.append(row(e.getKey(), c));
        }
        md.append(row("overall", overall));
        return md.toString();
    }

    private static String row(String name, EventCounts c) {
        double[] published = PUBLISHED.get(name);
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.1f%% | %.1f%% | %.3f | %s |%n", name,
                c.truePositives() + c.falseNegatives(), c.truePositives(), c.falseNegatives(), c.falsePositives(),
                100 * c.precision(), 100 * c.recall(), c.f1(), published == null ? "-"
                        : String.format(Locale.ROOT, "%.1f%% / %.1f%%", 100 * published[0], 100 * published[1]));
    }
}
