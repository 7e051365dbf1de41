package dev.vigil.trainer.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the CSV reader makes of well-formed files, and the repairs it makes instead of failing. */
class CsvHistoryReaderTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    @TempDir
    Path dir;

    @Test
    void readsAUnivariateFileWithEpochMillis() throws IOException {
        Path file = write("cpu-host1.csv", "ts,cpu", T0 + ",0.5", (T0 + 60_000) + ",0.75", (T0 + 120_000) + ",1");

        History h = CsvHistoryReader.read(CsvOptions.of(file));

        assertEquals(file.toString(), h.source(), "source is the path read");
        assertEquals(List.of("cpu"), h.features(), "every non-time column is a feature");
        assertEquals(1, h.series().size(), "one file is one series");
        Series s = h.series().get(0);
        assertEquals("cpu-host1", s.id(), "series id is the file name without extension");
        assertArrayEquals(new long[] {T0, T0 + 60_000, T0 + 120_000}, s.timestamps(), "epoch ms taken as they are");
        assertArrayEquals(new double[] {0.5, 0.75, 1.0}, s.values(), "values in row order");
        assertEquals(60_000, h.stepMillis(), "step is the median spacing");
    }

    @Test
    void readsAMultivariateFileWithIsoTimesInANamedColumn() throws IOException {
        Path file = write("web.csv",
                "host,cpu,Time,mem",
                "7,0.1,2026-01-01T00:00:00Z,10",
                "7,0.2,2026-01-01T00:00:30Z,20",
                "7,0.3,2026-01-01T00:01:00Z,30");

        History h = CsvHistoryReader.read(CsvOptions.of(file));

        assertEquals(List.of("host", "cpu", "mem"), h.features(), "value columns in header order, time excluded");
        Series s = h.series().get(0);
        assertArrayEquals(new long[] {T0, T0 + 30_000, T0 + 60_000}, s.timestamps(), "'Time' found in any case");
        assertArrayEquals(new double[] {7, 0.1, 10, 7, 0.2, 20, 7, 0.3, 30}, s.values(), "row-major values");
        assertEquals(30_000, h.stepMillis(), "median spacing of ISO times");
    }

    @Test
    void readsTheRequestedFeaturesInTheirOrder() throws IOException {
        Path file = write("m.csv", "timestamp,cpu,mem,disk", T0 + ",1,2,3", (T0 + 1000) + ",4,5,6");

        History h = CsvHistoryReader.read(CsvOptions.of(file).withFeatures("disk", "cpu"));

        assertEquals(List.of("disk", "cpu"), h.features(), "features in the requested order");
        assertArrayEquals(new double[] {3, 1, 6, 4}, h.series().get(0).values(), "only the requested columns");
    }

    @Test
    void readsEveryCsvFileOfADirectoryInNameOrder() throws IOException {
        write("b.csv", "ts,mem,cpu", T0 + ",20,2", (T0 + 10_000) + ",21,3");
        write("a.csv", "ts,cpu,mem", T0 + ",1,10", (T0 + 10_000) + ",2,11", (T0 + 20_000) + ",3,12");
        write("notes.txt", "not a csv file");

        History h = CsvHistoryReader.read(CsvOptions.of(dir));

        assertEquals(List.of("a", "b"), h.series().stream().map(Series::id).toList(), "one series per csv, sorted");
        assertEquals(List.of("cpu", "mem"), h.features(), "features of the first file");
        assertArrayEquals(new double[] {2, 20, 3, 21}, h.series().get(1).values(),
                "columns of a later file are matched by name, not position");
        assertEquals(10_000, h.stepMillis(), "median spacing over all series");
        assertEquals(5, h.points(), "all rows of all files");
    }

    @Test
    void smallWholeNumbersAreStepIndexesOfOneMinuteByDefault() throws IOException {
        Path file = write("idx.csv", "t,value", "0,1", "1,2", "2,3", "5,4");

        History h = CsvHistoryReader.read(CsvOptions.of(file));

        assertArrayEquals(new long[] {0, 60_000, 120_000, 300_000}, h.series().get(0).timestamps(),
                "index i becomes i * 60000 ms; the first column is the time column when none is named");
        assertEquals(60_000, h.stepMillis(), "index data defaults to a one-minute step");
    }

    @Test
    void stepIndexesUseTheGivenStep() throws IOException {
        Path file = write("idx.csv", "ts,value", "0,1", "1,2", "2,3");

        History h = CsvHistoryReader.read(CsvOptions.of(file).withStepMillis(5_000));

        assertArrayEquals(new long[] {0, 5_000, 10_000}, h.series().get(0).timestamps(), "index * stepMillis");
        assertEquals(5_000, h.stepMillis(), "the given step");
    }

    @Test
    void anExplicitTimeColumnAndFormatOverrideDetection() throws IOException {
        Path file = write("x.csv", "ts,at,v", "9,1000,1", "9,2000,2", "9,3000,3");

        History h = CsvHistoryReader.read(CsvOptions.of(file).withTimeColumn("at").withTimeFormat(TimeFormat.EPOCH_MS));

        assertEquals(List.of("ts", "v"), h.features(), "'ts' is a value column when another is the time column");
        assertArrayEquals(new long[] {1000, 2000, 3000}, h.series().get(0).timestamps(),
                "small numbers read as epoch ms when the format says so");
        assertEquals(1000, h.stepMillis(), "median spacing");
    }

    @Test
    void isoDatesOffsetsAndLocalTimesAreUtcInstants() throws IOException {
        Path days = write("days.csv", "date,v", "2026-01-01,1", "2026-01-02,2");
        Path mixed = write("mixed.csv", "ts,v", "2026-01-01T01:00:00+01:00,1", "2026-01-01T00:00:10,2");

        assertArrayEquals(new long[] {T0, T0 + 86_400_000}, CsvHistoryReader.read(CsvOptions.of(days))
                .series().get(0).timestamps(), "a date is its start of day in UTC");
        assertArrayEquals(new long[] {T0, T0 + 10_000}, CsvHistoryReader.read(CsvOptions.of(mixed))
                .series().get(0).timestamps(), "an offset is honoured, a local date-time is UTC");
    }

    @Test
    void quotesBlankLinesByteOrderMarkAndCrLfAreTolerated() throws IOException {
        Path file = dir.resolve("q.csv");
        Files.writeString(file, "\uFEFF\"ts\", \"cpu\"\r\n\r\n\"" + T0 + "\",\" 1.5 \"\r\n  \r\n" + (T0 + 1000) + ",2\r\n");

        History h = CsvHistoryReader.read(CsvOptions.of(file));

        assertEquals(List.of("cpu"), h.features(), "quotes and the BOM are stripped from the header");
        assertArrayEquals(new double[] {1.5, 2}, h.series().get(0).values(), "quoted values, blank lines skipped");
    }

    @Test
    void unsortedRowsAreSortedAndDuplicateTimestampsKeepTheLastRow() throws IOException {
        Path file = write("r.csv", "ts,v",
                (T0 + 2000) + ",3", T0 + ",1", (T0 + 1000) + ",2", (T0 + 1000) + ",2.5", (T0 + 3000) + ",4",
                (T0 + 3000) + ",4.5");

        Series s = CsvHistoryReader.read(CsvOptions.of(file)).series().get(0);

        assertArrayEquals(new long[] {T0, T0 + 1000, T0 + 2000, T0 + 3000}, s.timestamps(),
                "sorted by time, one row per timestamp");
        assertArrayEquals(new double[] {1, 2.5, 3, 4.5}, s.values(), "the last row of each duplicate timestamp wins");
    }

    @Test
    void theStepIsTheMedianSpacingWhenSpacingsVary() throws IOException {
        Path file = write("gaps.csv", "ts,v", T0 + ",1", (T0 + 1000) + ",1", (T0 + 2000) + ",1",
                (T0 + 3000) + ",1", (T0 + 60_000) + ",1");

        assertEquals(1000, CsvHistoryReader.read(CsvOptions.of(file)).stepMillis(), "one long gap does not count");
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }
}
