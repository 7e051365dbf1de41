package dev.vigil.generator.output;

import dev.vigil.generator.GeneratorSpec;
import dev.vigil.generator.Label;
import dev.vigil.generator.MetricGenerator;
import dev.vigil.generator.SeriesGenerator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * Writes a data set as CSV into one directory: {@code <series id>.csv} per series with the header {@code ts,value}
 * and one line per step ({@code ts} in epoch ms), and {@link LabelsCsv#FILE_NAME} with every label. The series files
 * are what {@code vigil-trainer --csv DIR} reads; the trainer skips {@code labels.csv}.
 */
public final class CsvOutput {

    private CsvOutput() {
    }

    /** What was written. */
    public record Result(int files, long points, int labels) {
    }

    /**
     * Writes every series, then the labels.
     *
     * @param seriesDone called with the number of series written after each one
     * @throws IllegalArgumentException when {@code dir} is a file or already holds CSV files, which would mix with
     *                                  the new ones
     */
    public static Result write(MetricGenerator generator, Path dir, IntConsumer seriesDone) throws IOException {
        prepare(dir);
        GeneratorSpec spec = generator.spec();
        StringBuilder line = new StringBuilder(64);
        for (int i = 0; i < spec.series(); i++) {
            SeriesGenerator series = generator.series(i);
            Path file = dir.resolve(series.profile().id() + ".csv");
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write("ts,value\n");
                for (int t = 0; t < spec.steps(); t++) {
                    line.setLength(0);
                    line.append(spec.timestamp(t)).append(',').append(series.next()).append('\n');
                    out.append(line);
                }
            }
            seriesDone.accept(i + 1);
        }
        List<Label> labels = generator.labels();
        try (LabelsCsv.Writer out = new LabelsCsv.Writer(dir.resolve(LabelsCsv.FILE_NAME))) {
            labels.forEach(out::write);
        }
        return new Result(spec.series(), spec.points(), labels.size());
    }

    private static void prepare(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is a file, expected a directory for the CSV files");
        }
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            long csv = files.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                    .count();
            if (csv > 0) {
                throw new IllegalArgumentException(dir + " already holds " + csv + " CSV files; use an empty or new "
                        + "directory, since a reader takes every *.csv file in it as a series");
            }
        }
    }
}
