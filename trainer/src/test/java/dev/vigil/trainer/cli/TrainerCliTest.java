package dev.vigil.trainer.cli;

import dev.vigil.spec.OnnxModelSpecReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerCliTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TrainerCli.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpDocumentsEveryOption() {
        Run run = run("--help");
        assertEquals(0, run.exitCode());
        CommandLine cli = new CommandLine(new TrainerCli(System.out));
        for (OptionSpec option : cli.getCommandSpec().options()) {
            assertTrue(run.out().contains(option.longestName()), "--help should list " + option.longestName());
            assertTrue(option.description().length > 0 && !option.description()[0].isBlank(),
                    option.longestName() + " should have a description");
        }
    }

    @Test
    void trainsFromCsvAndWritesModelAndCharts() throws IOException {
        Path csvDir = Files.createDirectories(dir.resolve("history"));
        for (int s = 0; s < 3; s++) {
            List<String> lines = new ArrayList<>(List.of("ts,cpu"));
            double level = Math.pow(10, s);
            for (int t = 0; t < 600; t++) {
                lines.add((1_700_000_000_000L + t * 60_000L) + "," + (level + level * 0.3 * Math.sin(t * Math.PI / 12)
                        + level * 0.02 * Math.cos(t * 1.7)));
            }
            Files.write(csvDir.resolve("host-" + s + ".csv"), lines);
        }
        Path model = dir.resolve("out").resolve("cpu.onnx");
        Run run = run("--csv", csvDir.toString(), "--output", model.toString(), "--window", "16", "--horizon", "4",
                "--layers", "1", "--hidden", "16", "--epochs", "2", "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Read 3 series, 1800 points"), run.out());
        assertTrue(run.out().contains("Export check"), run.out());
        assertTrue(Files.exists(dir.resolve("out/cpu.loss.png")), "loss chart next to the model");
        assertTrue(Files.exists(dir.resolve("out/cpu.forecast.png")), "forecast chart next to the model");
        assertEquals(List.of("cpu"), OnnxModelSpecReader.read(model).features());
    }

    @Test
    void missingInputGivesAClearErrorWithoutStackTrace() {
        Run run = run("--csv", dir.resolve("nope.csv").toString(), "-o", dir.resolve("m.onnx").toString());
        assertEquals(2, run.exitCode(), "bad input exit code");
        assertTrue(run.err().startsWith("error: ") && run.err().contains("nope.csv"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void badOptionValuesNameTheOption() {
        Run window = run("--synthetic", "2x500", "-o", "m.onnx", "--window", "1");
        assertEquals(2, window.exitCode());
        assertTrue(window.err().contains("--window: found 1, expected at least 2"), window.err());

        Run synthetic = run("--synthetic", "lots", "-o", "m.onnx");
        assertEquals(2, synthetic.exitCode());
        assertTrue(synthetic.err().contains("--synthetic: found 'lots'"), synthetic.err());

        Run period = run("--synthetic", "2x500", "-o", "m.onnx", "--period", "weekly");
        assertEquals(2, period.exitCode());
        assertTrue(period.err().contains("--period: found 'weekly'"), period.err());

        Run quantiles = run("--synthetic", "2x500", "-o", "m.onnx", "--quantiles", "0.999,0.99");
        assertEquals(2, quantiles.exitCode());
        assertTrue(quantiles.err().contains("--quantiles"), quantiles.err());
    }

    @Test
    void twoSourcesAtOnceAreRefused() {
        Run run = run("--synthetic", "2x500", "--csv", "x.csv", "-o", "m.onnx");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("mutually exclusive"), run.err());
    }
}
