package dev.vigil.generator.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratorCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return GeneratorCli.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheOptions() {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String option : List.of("--series", "--duration", "--steps", "--step", "--start", "--seed", "--anomalies",
                "--anomaly-rate", "--magnitude", "--bootstrap-servers", "--csv-dir", "--topic", "--labels-topic",
                "--rate")) {
            assertTrue(help.contains(option), option + " in --help");
        }
    }

    @Test
    void writesCsvForTheTrainer() throws IOException {
        Path csv = dir.resolve("csv");

        assertEquals(0, run("--series", "3", "--duration", "12h", "--step", "5m", "--start", "2026-01-05",
                "--seed", "5", "--csv-dir", csv.toString()), err());

        try (var files = Files.list(csv)) {
            assertEquals(List.of("cpu-000.csv", "labels.csv", "latency-001.csv", "requests-002.csv"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        List<String> lines = Files.readAllLines(csv.resolve("cpu-000.csv"));
        assertEquals(145, lines.size(), "12 h of 5-minute steps and the header");
        assertTrue(lines.get(1).startsWith("1767571200000,"), lines.get(1));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("3 series x 144 steps of 5 min (432 points)"),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badOptionsExitWith2AndSayWhy() {
        assertEquals(2, run("--series", "0", "--csv-dir", dir.toString()));
        assertTrue(err().contains("error: --series: found 0, expected at least 1"), err());

        err.reset();
        assertEquals(2, run("--anomalies", "spike,typo", "--csv-dir", dir.toString()));
        assertTrue(err().contains("error: --anomalies: unknown anomaly kind 'typo'"), err());

        err.reset();
        assertEquals(2, run("--duration", "soon", "--csv-dir", dir.toString()));
        assertTrue(err().contains("expected a duration such as 2d"), err());

        err.reset();
        assertEquals(2, run("--series", "3"));
        assertTrue(err().contains("Missing required argument"), err());

        err.reset();
        assertEquals(2, run("--csv-dir", dir.toString(), "--bootstrap-servers", "localhost:9092"));
        assertTrue(err().contains("mutually exclusive"), err());

        err.reset();
        assertEquals(2, run("--csv-dir", dir.toString(), "--rate", "100"));
        assertTrue(err().contains("--rate applies to Kafka output"), err());

        err.reset();
        assertEquals(2, run("--duration", "30s", "--csv-dir", dir.toString()));
        assertTrue(err().contains("--duration PT30S holds 0 steps of 60000 ms"), err());
    }

    @Test
    void anUnreachableBrokerIsReportedWithinTheTimeout() {
        assertEquals(1, run("--series", "1", "--steps", "10", "--bootstrap-servers", "127.0.0.1:1",
                "--kafka-timeout", "2s"));
        assertTrue(err().contains("error: no answer from Kafka at 127.0.0.1:1 within 2 s"), err());
    }

    @Test
    void durationsReadUnitsIsoAndMilliseconds() {
        DurationConverter converter = new DurationConverter();
        assertEquals(Duration.ofDays(2), converter.convert("2d"));
        assertEquals(Duration.ofHours(12), converter.convert("12h"));
        assertEquals(Duration.ofMinutes(90), converter.convert("90m"));
        assertEquals(Duration.ofSeconds(30), converter.convert("30s"));
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
        assertEquals(Duration.ofMillis(1500), converter.convert("1500"));
        assertEquals(Duration.ofDays(2), converter.convert("P2D"));
        assertEquals(Duration.ofMinutes(1), converter.convert("pt1m"));
        assertThrows(RuntimeException.class, () -> converter.convert("0s"));
        assertThrows(RuntimeException.class, () -> converter.convert("-1d"));
    }

    @Test
    void durationsPrintShort() {
        assertEquals("1 min", Progress.duration(Duration.ofMinutes(1)));
        assertEquals("5 min", Progress.duration(Duration.ofMinutes(5)));
        assertEquals("90 s", Progress.duration(Duration.ofSeconds(90)));
        assertEquals("1.5 s", Progress.duration(Duration.ofMillis(1500)));
        assertEquals("250 ms", Progress.duration(Duration.ofMillis(250)));
        assertEquals("3 h", Progress.duration(Duration.ofHours(3)));
        assertEquals("2 d", Progress.duration(Duration.ofDays(2)));
    }
}
