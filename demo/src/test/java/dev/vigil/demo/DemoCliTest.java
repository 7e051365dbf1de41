package dev.vigil.demo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DemoCli.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    @Test
    void helpListsTheOptions() {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String option : List.of("--series", "--duration", "--rate", "--seed", "--anomalies", "--metrics-port",
                "--model", "--train", "--keep-data", "--set")) {
            assertTrue(help.contains(option), option + " in --help");
        }
    }

    @Test
    void badOptionsExitWith2AndSayWhy() {
        assertEquals(2, run("--series", "0"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("error: --series: found 0, expected at least 1"),
                err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(2, run("--anomalies", "spikes"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("error: --anomalies: unknown anomaly kind 'spikes'"),
                err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(2, run("--train", "--model", "x.onnx"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--train and --model exclude each other"),
                err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(2, run("--model", "no-such-model.onnx"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("model no-such-model.onnx not found"),
                err.toString(StandardCharsets.UTF_8));
    }
}
