package dev.vigil.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark command at a tiny size (2,000 points, 100 series, the golden model): it runs end to end against a
 * real broker process and prints every figure, each positive. Proves the command works; its figures mean nothing.
 */
class PerformanceBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void printsEveryFigureOfATinyRun() throws IOException {
        Path model = dir.resolve("golden.onnx");
        try (InputStream in = getClass().getResourceAsStream("/golden/model.onnx")) {
            Files.write(model, in.readAllBytes());
        }
        StringWriter text = new StringWriter();
        int exit = new CommandLine(new PerformanceBenchmark()).setOut(new PrintWriter(text)).execute(
                "--points", "2000", "--series", "100", "--partitions", "2", "--model", model.toString(),
                "--latency-seconds", "3", "--latency-warm-up-seconds", "1", "--state-dir", dir.resolve("state").toString(),
                "--timeout-seconds", "60");
        String out = text.toString();
        System.out.println(out);
        assertEquals(0, exit, out);

        for (String figure : List.of("\\(a\\) pass-through: ([\\d,.]+) records/s", "CPU ([\\d.]+) us/record",
                "\\(b\\) vigil, \\w+: ([\\d,.]+) records/s", "ratio b/a: ([\\d.]+)",
                "\\(c\\) vigil, window: ([\\d,.]+) records/s", "ratio c/a: ([\\d.]+)", "p50 ([\\d.]+) ms",
                "p99 ([\\d.]+) ms", "heap after GC: ([\\d.]+) MiB",
                "MiB, (-?\\d+) bytes/series over the baseline", "state on disk: ([\\d,]+) bytes",
                "([\\d.]+) bytes/series\\n", "CPU per record: ([\\d.]+) us over the input",
                "us over the input, ([\\d.]+) us in the latency phase")) {
            Matcher m = Pattern.compile(figure).matcher(out);
            assertTrue(m.find(), "missing " + figure + " in:\n" + out);
            double value = Double.parseDouble(m.group(1).replace(",", ""));
            assertTrue(value > 0, figure + " is " + value + " in:\n" + out);
        }
        Matcher scored = Pattern.compile("\\(([\\d,]+) of ([\\d,]+) points scored\\)").matcher(out);
        assertTrue(scored.find(), out);
        assertEquals(scored.group(2), scored.group(1), "every point sent after the latency warm-up is scored, once");
        assertTrue(Pattern.compile("latency by second of the phase, worst of the points sent in it \\(ms; the warm-up's 1 s before "
                + "the bar\\): \\d+ \\| \\d+")
                .matcher(out).find(), "a per-second latency timeline in:\n" + out);
        assertTrue(out.contains("after the warm-up (scored points only): (a) "), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("| 2,000 | 100 | 2 | 8 | 1 |")), out);
        assertTrue(out.toLowerCase(Locale.ROOT).contains("child process"), out);
    }
}
