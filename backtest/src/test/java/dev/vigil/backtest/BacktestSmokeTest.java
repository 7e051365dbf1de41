package dev.vigil.backtest;

import dev.vigil.spec.OnnxModelSpecReader;
import dev.vigil.spec.Scaling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backtest end to end on small data, as CI runs it: train on a prefix of each series through the trainer,
 * score the rest through the streamer's topology, and find the one injected level shift per series.
 */
class BacktestSmokeTest {

    private static final int ROWS = 900;
    private static final int PREFIX = 500;
    private static final int SHIFT_AT = 700;
    private static final int SHIFT_LENGTH = 60;
    private static final int LEARNT_ERRORS = 600;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "--scaling {0}, threshold warm-up {1}")
    @CsvSource({"window, calibrated", "fixed, calibrated", "fixed, learn"})
    void trainsOnThePrefixScoresTheRestAndDetectsTheInjectedShifts(String scaling, String warmUp) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Random random = new Random(3);
        StringBuilder labels = new StringBuilder("series,start,end,kind\n");
        for (String series : List.of("cpu-a", "cpu-b")) {
            StringBuilder csv = new StringBuilder("ts,value\n");
            for (int i = 0; i < ROWS; i++) {
                double value = 50 + 10 * Math.sin(2 * Math.PI * i / 24) + random.nextGaussian() * 0.5;
                if (i >= SHIFT_AT && i < SHIFT_AT + SHIFT_LENGTH) {
                    value += 40;
                }
                csv.append(i).append(',').append(String.format(Locale.ROOT, "%.4f", value)).append('\n');
            }
            Files.writeString(data.resolve(series + ".csv"), csv);
            labels.append(series).append(',').append(SHIFT_AT).append(',').append(SHIFT_AT + SHIFT_LENGTH - 1)
                    .append(",level-shift\n");
        }
        Path labelsFile = dir.resolve("labels.csv");
        Files.writeString(labelsFile, labels);
        Path out = dir.resolve("out");

        // the prefix is streamed too: a series learning its threshold until its 600th error, the 624th row, has
        // its first scored rows (from the 500th) without a score
        boolean learn = warmUp.equals("learn");
        Run run = run("run", "--csv", data.toString(), "--labels", labelsFile.toString(), "--train-rows",
                Integer.toString(PREFIX), "--window", "24", "--horizon", "2", "--hidden", "16", "--epochs", "6",
                "--windows-per-epoch", "1024", "--scaling", scaling, "-o", out.toString(),
                "--set", "vigil.threshold.min.fraction=0.5", "--set", "vigil.threshold.warmup=" + warmUp,
                "--set", "vigil.threshold.history=1024",
                "--set", "vigil.threshold.min.history=" + (learn ? LEARNT_ERRORS : 32));

        assertEquals(0, run.code, "exit code; output:\n" + run.output);
        assertTrue(run.output.contains("2 labeled, 2 detected"), "both injected shifts detected:\n" + run.output);
        List<String> rows = Files.readAllLines(out.resolve("rows/cpu-a.csv"));
        assertEquals("ts,value,expected,lower,upper,score,flag,alert", rows.get(0));
        assertEquals(ROWS - PREFIX, rows.size() - 1, "one row per scored row after the training prefix");
        int learning = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", -1);
            if (cells[5].isEmpty() && !cells[2].isEmpty()) {
                learning++; // forecast, but no threshold yet
                continue;
            }
            double score = Double.parseDouble(cells[5]);
            assertTrue(score >= 0 && score <= 1, "score in [0, 1]: " + row);
        }
        assertEquals(learn ? LEARNT_ERRORS - (PREFIX - 24) : 0, learning,
                "rows with a forecast but no score: those of a series learning its threshold");
        assertTrue(rows.stream().skip(1).anyMatch(r -> r.endsWith(",1,1")), "some rows flagged inside an alert");
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("| level-shift | 2 | 2 | 100.0% |"), "per-kind table in the report:\n" + report);
        assertTrue(Files.size(out.resolve("charts/cpu-a.png")) > 10_000, "a chart was drawn");
        assertTrue(Files.isRegularFile(out.resolve("model.onnx")), "the model trained on the prefix is kept");
        Scaling kept = OnnxModelSpecReader.read(out.resolve("model.onnx")).scaling();
        assertEquals(scaling.equals("fixed") ? Scaling.FIXED_STANDARD : Scaling.WINDOW_STANDARD, kept.scheme(),
                "the model carries the scaling it was trained with");
        if (scaling.equals("fixed")) {
            assertEquals(50, kept.mean().get(0), 1, "fitted on the prefix only: the shift after it must not count");
        }
    }

    @Test
    void badOptionsAndLabelsAreNamed() throws IOException {
        Path csv = dir.resolve("s.csv");
        Files.writeString(csv, "ts,value\n0,1\n1,2\n2,3\n");
        Run noModel = run("run", "--csv", csv.toString(), "-o", dir.resolve("o").toString());
        assertEquals(2, noModel.code, noModel.output);
        assertTrue(noModel.output.contains("--model") && noModel.output.contains("--train-fraction"),
                "names the model choices:\n" + noModel.output);

        Path labels = dir.resolve("labels.csv");
        Files.writeString(labels, "series,start,end\ns,2,yesterday\n");
        Run badLabel = run("run", "--csv", csv.toString(), "--labels", labels.toString(), "--train-fraction", "0.5",
                "-o", dir.resolve("o").toString());
        assertEquals(2, badLabel.code, badLabel.output);
        assertTrue(badLabel.output.contains("line 2: end 'yesterday' is not a time"), badLabel.output);

        Run badFraction = run("run", "--csv", csv.toString(), "--train-fraction", "1.5", "-o",
                dir.resolve("o").toString());
        assertEquals(2, badFraction.code, badFraction.output);
        assertTrue(badFraction.output.contains("--train-fraction: found 1.5"), badFraction.output);

        Run badScaling = run("run", "--csv", csv.toString(), "--train-fraction", "0.5", "--scaling", "minmax", "-o",
                dir.resolve("o").toString());
        assertEquals(2, badScaling.code, badScaling.output);
        assertTrue(badScaling.output.contains("--scaling: found 'minmax', expected window or fixed"),
                badScaling.output);
    }

    @Test
    void theSmapMslLabelFileIsReadWithItsQuotedRanges() throws IOException {
        Path data = dir.resolve("smap");
        Files.createDirectories(data.resolve("train"));
        Files.createDirectories(data.resolve("test"));
        Files.writeString(data.resolve("labeled_anomalies.csv"), "chan_id,spacecraft,anomaly_sequences,class,"
                + "num_values\nP-1,SMAP,\"[[2149, 2349], [4536, 4844]]\",\"[contextual, contextual]\",8505\n"
                + "M-1,MSL,\"[[10, 20]]\",[point],100\n");
        SmapMslData benchmark = SmapMslData.open(data);
        assertEquals(2, benchmark.channels().size());
        SmapMslData.Channel p1 = benchmark.channels().get(0);
        assertEquals("SMAP", p1.spacecraft());
        assertEquals(2, p1.anomalies().size());
        assertEquals(2149 * SmapMslData.STEP_MILLIS, p1.anomalies().get(0).start());
        assertEquals(4844 * SmapMslData.STEP_MILLIS, p1.anomalies().get(1).end());
    }

    @Test
    void aChannelListedTwiceIsTrainedOnOnceAndScoredOncePerRow() {
        var p2 = new SmapMslData.Channel("P-2", "SMAP", List.of());
        var a1 = new SmapMslData.Channel("A-1", "SMAP", List.of());
        var p2again = new SmapMslData.Channel("P-2", "SMAP", List.of());
        var rounds = SmapMslCommand.distinctRounds(List.of(p2, a1, p2again));
        assertEquals(List.of(List.of(p2, a1), List.of(p2again)), rounds,
                "the first round, which the spacecraft model trains on, holds each channel once; the repeat is "
                        + "scored in a round of its own, so no scoring run sees one series id twice");
    }

    @Test
    void aTestFileStreamedAfterItsTrainFileIsScoredFromItsFirstRowWithItsLabelsMovedAlong() {
        long step = SmapMslData.STEP_MILLIS;
        var train = new dev.vigil.trainer.data.Series("T-1", new long[] {0, step, 2 * step}, new double[] {1, 2, 3},
                1);
        var test = new dev.vigil.trainer.data.Series("T-1", new long[] {0, step}, new double[] {7, 8}, 1);
        ScoredSeries joined = SmapMslData.afterTrain(train, test);
        assertEquals(3, joined.scoreFrom(), "only the test rows are evaluated");
        assertEquals(List.of(1.0, 2.0, 3.0, 7.0, 8.0), List.of(joined.value(0, 0), joined.value(1, 0),
                joined.value(2, 0), joined.value(3, 0), joined.value(4, 0)), "train rows, then test rows");
        assertEquals(4 * step, joined.timestamps()[4], "one step apart throughout");
        var label = SmapMslData.shifted(List.of(new dev.vigil.streamer.evaluation.TimeRange(step, step)), 3).get(0);
        assertEquals(4 * step, label.start(), "the test file's row 1 is the joined series' row 4");
        assertEquals(4 * step, label.end());
    }

    @Test
    void helpListsTheCommands() {
        Run help = run("--help");
        assertEquals(0, help.code);
        assertTrue(help.output.contains("run") && help.output.contains("smap-msl"), help.output);
    }

    private record Run(int code, String output) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = BacktestCli.execute(stream, stream, args);
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }
}
