package dev.vigil.generator.output;

import dev.vigil.generator.AnomalyKind;
import dev.vigil.generator.GeneratorSpec;
import dev.vigil.generator.Label;
import dev.vigil.generator.MetricGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CSV layout another tool relies on: one ts,value file per series, and labels.csv. */
class CsvOutputTest {

    private static final long MONDAY = 1_767_571_200_000L;

    @TempDir
    Path dir;

    @Test
    void writesOneFilePerSeriesAndTheLabels() throws IOException {
        MetricGenerator generator = new MetricGenerator(GeneratorSpec.of(5, 1500, MONDAY, 9).withAnomalyRate(4));
        List<Integer> progress = new ArrayList<>();

        CsvOutput.Result result = CsvOutput.write(generator, dir.resolve("new"), progress::add);

        Path out = dir.resolve("new");
        assertEquals(new CsvOutput.Result(5, 7500, generator.labels().size()), result);
        assertEquals(List.of(1, 2, 3, 4, 5), progress);
        List<String> lines = Files.readAllLines(out.resolve("latency-001.csv"), StandardCharsets.UTF_8);
        assertEquals(1501, lines.size());
        assertEquals("ts,value", lines.get(0));
        assertEquals(MONDAY + ",", lines.get(1).substring(0, lines.get(1).indexOf(',') + 1));
        assertEquals(String.valueOf(MONDAY + 1499 * 60_000L), lines.get(1500).split(",")[0]);
        Double.parseDouble(lines.get(1).split(",")[1]);
        List<String> labels = Files.readAllLines(out.resolve("labels.csv"), StandardCharsets.UTF_8);
        assertEquals("series,start,end,kind", labels.get(0));
        assertEquals(generator.labels(), LabelsCsv.read(out.resolve("labels.csv")));
        assertTrue(labels.size() > 3, "labels written: " + labels.size());
    }

    @Test
    void refusesADirectoryThatAlreadyHoldsCsvFiles() throws IOException {
        Files.writeString(dir.resolve("old.csv"), "ts,value\n");
        MetricGenerator generator = new MetricGenerator(GeneratorSpec.of(1, 10, MONDAY, 1));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvOutput.write(generator, dir, n -> { }));

        assertEquals(dir + " already holds 1 CSV files; use an empty or new directory, since a reader takes every "
                + "*.csv file in it as a series", e.getMessage());
    }

    @Test
    void labelsRoundTripAndBadLinesAreNamed() throws IOException {
        Path file = dir.resolve("labels.csv");
        List<Label> labels = List.of(new Label("cpu-000", 10, 20, AnomalyKind.SPIKE),
                new Label("queue-003", 30, 30, AnomalyKind.LEVEL_SHIFT));
        try (LabelsCsv.Writer writer = new LabelsCsv.Writer(file)) {
            labels.forEach(writer::write);
        }
        assertEquals("series,start,end,kind\ncpu-000,10,20,spike\nqueue-003,30,30,level-shift\n",
                Files.readString(file));
        assertEquals(labels, LabelsCsv.read(file));

        Files.writeString(file, "series,start,end,kind\ncpu-000,10,x,spike\n");
        assertEquals(file + " line 2: For input string: \"x\"",
                assertThrows(IllegalArgumentException.class, () -> LabelsCsv.read(file)).getMessage());
        Files.writeString(file, "ts,value\n");
        assertEquals(file + ": expected the header 'series,start,end,kind', found 'ts,value'",
                assertThrows(IllegalArgumentException.class, () -> LabelsCsv.read(file)).getMessage());
    }

    @Test
    void pointAndLabelJsonAreVigilsInputFormat() {
        assertEquals("{\"ts\":1767571200000,\"value\":12.5}",
                new String(PointJson.point(MONDAY, 12.5), StandardCharsets.UTF_8));
        assertEquals("{\"series\":\"cpu-000\",\"start\":1,\"end\":2,\"kind\":\"level-shift\"}",
                new String(PointJson.label(new Label("cpu-000", 1, 2, AnomalyKind.LEVEL_SHIFT)),
                        StandardCharsets.UTF_8));
    }
}
