package dev.vigil.trainer.data;

import dev.vigil.generator.GeneratorSpec;
import dev.vigil.generator.MetricGenerator;
import dev.vigil.generator.SeriesGenerator;
import dev.vigil.generator.output.CsvOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What vigil-generator writes as CSV, the trainer reads back point for point; its labels.csv is no series. */
class GeneratedCsvTest {

    @TempDir
    Path dir;

    @Test
    void theGeneratorsCsvDirectoryReadsBackExactlyAndLabelsAreSkipped() throws IOException {
        GeneratorSpec spec = GeneratorSpec.of(5, 700, 1_767_571_200_000L, 3).withAnomalyRate(4);
        MetricGenerator generator = new MetricGenerator(spec);
        CsvOutput.write(generator, dir, done -> { });
        assertTrue(Files.exists(dir.resolve(CsvHistoryReader.LABELS_FILE)));

        History history = CsvHistoryReader.read(CsvOptions.of(dir));

        assertEquals(List.of("value"), history.features());
        assertEquals(60_000, history.stepMillis());
        assertEquals(List.of("cpu-000", "cpu-004", "latency-001", "queue-003", "requests-002"),
                history.series().stream().map(Series::id).toList(), "one series per file, in name order");
        for (int i = 0; i < spec.series(); i++) {
            SeriesGenerator expected = generator.series(i);
            Series read = history.series().stream().filter(s -> s.id().equals(expected.profile().id())).findFirst()
                    .orElseThrow();
            assertEquals(spec.steps(), read.length());
            for (int t = 0; t < spec.steps(); t++) {
                assertEquals(spec.timestamp(t), read.timestamps()[t]);
                assertEquals(expected.next(), read.values()[t], read.id() + " step " + t);
            }
        }
    }
}
