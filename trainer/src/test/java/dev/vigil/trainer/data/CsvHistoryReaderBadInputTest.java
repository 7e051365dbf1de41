package dev.vigil.trainer.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV input the reader refuses: each error names file, line, column, the value found and what was expected. */
class CsvHistoryReaderBadInputTest {

    private static final long T0 = 1_767_225_600_000L;

    @TempDir
    Path dir;

    @Test
    void aMissingPathIsNamed() {
        String m = fail(CsvOptions.of(dir.resolve("nope.csv")));
        assertContains(m, "nope.csv", "no such file or directory");
    }

    @Test
    void aDirectoryWithoutCsvFilesIsAnError() throws IOException {
        write("readme.txt", "hello");
        assertContains(fail(CsvOptions.of(dir)), dir.toString(), "no *.csv files");
    }

    @Test
    void anEmptyFileIsAnError() throws IOException {
        Path file = write("empty.csv");
        assertContains(fail(CsvOptions.of(file)), "empty.csv", "the file is empty");
    }

    @Test
    void aHeaderWithoutRowsIsAnError() throws IOException {
        Path file = write("header.csv", "ts,cpu", "");
        assertContains(fail(CsvOptions.of(file)), "header.csv", "no data rows");
    }

    @Test
    void aNonNumericValueNamesFileLineColumnAndValue() throws IOException {
        Path file = write("bad.csv", "ts,cpu,mem", T0 + ",1,2", (T0 + 1) + ",1,abc");
        assertContains(fail(CsvOptions.of(file)), "bad.csv", "line 3", "column 'mem'", "found 'abc'",
                "expected a finite number");
    }

    @Test
    void anEmptyCellIsAMissingValue() throws IOException {
        Path file = write("gap.csv", "ts,cpu,mem", T0 + ",1,2", "", (T0 + 1) + ",,2");
        assertContains(fail(CsvOptions.of(file)), "gap.csv", "line 4", "column 'cpu'", "found an empty cell",
                "missing values are not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "nan", "Infinity", "-Infinity", "inf", "-INF", "1e999"})
    void nanAndInfinityAreRefused(String text) throws IOException {
        Path file = write("nan.csv", "ts,cpu", T0 + ",1", (T0 + 1) + "," + text);
        assertContains(fail(CsvOptions.of(file)), "nan.csv", "line 3", "column 'cpu'", "found '" + text + "'",
                "NaN and infinity are not allowed");
    }

    @Test
    void aBadIsoTimestampNamesTheDetectedFormat() throws IOException {
        Path file = write("iso.csv", "time,cpu", "2026-01-01T00:00:00Z,1", "yesterday,2");
        assertContains(fail(CsvOptions.of(file)), "iso.csv", "line 3", "column 'time'", "found 'yesterday'",
                "ISO-8601", "decided from the first data row");
    }

    @Test
    void aTimestampInAnotherFormatThanTheFirstRowIsAnError() throws IOException {
        Path file = write("epoch.csv", "ts,cpu", T0 + ",1", "2026-01-01T00:00:01Z,2");
        assertContains(fail(CsvOptions.of(file)), "epoch.csv", "line 3", "column 'ts'",
                "found '2026-01-01T00:00:01Z'", "epoch milliseconds", "EPOCH_MS");
    }

    @Test
    void aMissingTimestampIsAnError() throws IOException {
        Path file = write("nots.csv", "ts,cpu", ",1");
        assertContains(fail(CsvOptions.of(file)), "nots.csv", "line 2", "column 'ts'", "found an empty cell");
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsAnError() throws IOException {
        Path file = write("short.csv", "ts,cpu,mem", T0 + ",1,2", (T0 + 1) + ",1");
        assertContains(fail(CsvOptions.of(file)), "short.csv", "line 3", "found 2 cells", "expected 3",
                "ts, cpu, mem");
    }

    @Test
    void anUnknownRequestedFeatureListsTheColumnsFound() throws IOException {
        Path file = write("m.csv", "ts,cpu,mem", T0 + ",1,2");
        assertContains(fail(CsvOptions.of(file).withFeatures("cpu", "disk")), "m.csv", "'disk'", "no such column",
                "columns found: ts, cpu, mem");
    }

    @Test
    void theTimeColumnCannotBeAFeature() throws IOException {
        Path file = write("m.csv", "ts,cpu", T0 + ",1");
        assertContains(fail(CsvOptions.of(file).withFeatures("ts")), "m.csv", "'ts'", "it is the time column");
    }

    @Test
    void anUnknownTimeColumnListsTheColumnsFound() throws IOException {
        Path file = write("m.csv", "ts,cpu", T0 + ",1");
        assertContains(fail(CsvOptions.of(file).withTimeColumn("when")), "m.csv", "no time column 'when'",
                "columns found: ts, cpu");
    }

    @Test
    void aFileOfADirectoryWithoutARequestedFeatureIsNamed() throws IOException {
        write("a.csv", "ts,cpu,mem", T0 + ",1,2");
        write("b.csv", "ts,cpu", T0 + ",1");
        assertContains(fail(CsvOptions.of(dir).withFeatures("mem")), "b.csv", "'mem'", "columns found: ts, cpu");
    }

    @Test
    void filesThatDisagreeOnFeaturesAreAnError() throws IOException {
        write("a.csv", "ts,cpu,mem", T0 + ",1,2");
        write("b.csv", "ts,cpu,disk", T0 + ",1,2");
        assertContains(fail(CsvOptions.of(dir)), "files disagree on features", "a.csv", "[cpu, mem]", "b.csv",
                "[cpu, disk]");
    }

    @Test
    void filesThatMixStepIndexesAndTimestampsAreAnError() throws IOException {
        write("a.csv", "ts,v", "0,1", "1,2");
        write("b.csv", "ts,v", T0 + ",1", (T0 + 1000) + ",2");
        assertContains(fail(CsvOptions.of(dir)), "files disagree on the time format", "a.csv", "step indexes",
                "b.csv", "EPOCH_MS");
    }

    @Test
    void theStepCannotBeInferredFromSinglePoints() throws IOException {
        Path file = write("one.csv", "ts,v", T0 + ",1");
        assertContains(fail(CsvOptions.of(file)), "cannot infer the step interval");
    }

    @Test
    void duplicateHeaderNamesAreAnError() throws IOException {
        Path file = write("dup.csv", "ts,cpu,cpu", T0 + ",1,2");
        assertContains(fail(CsvOptions.of(file)), "dup.csv", "line 1", "'cpu' appears twice");
    }

    private String fail(CsvOptions options) {
        return assertThrows(HistoryException.class, () -> CsvHistoryReader.read(options),
                "reading " + options.path() + " should fail").getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "expected the message to contain '" + part + "' but was: "
                    + message);
        }
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }
}
