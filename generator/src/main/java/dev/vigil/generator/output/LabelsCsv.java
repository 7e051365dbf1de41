package dev.vigil.generator.output;

import dev.vigil.generator.AnomalyKind;
import dev.vigil.generator.Label;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code labels.csv}: the header {@code series,start,end,kind}, then one labeled anomaly a line: the series id, the
 * first and last anomalous timestamp (epoch ms, both inclusive) and the kind ({@link AnomalyKind#id()}).
 */
public final class LabelsCsv {

    public static final String FILE_NAME = "labels.csv";
    public static final String HEADER = "series,start,end,kind";

    private LabelsCsv() {
    }

    /** One line of the file, without the line break. */
    public static String line(Label label) {
        return label.series() + "," + label.start() + "," + label.end() + "," + label.kind().id();
    }

    /**
     * Reads a labels file.
     *
     * @throws IllegalArgumentException naming the file and line when the header or a line is malformed
     */
    public static List<Label> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).trim().equals(HEADER)) {
            throw new IllegalArgumentException(file + ": expected the header '" + HEADER + "', found "
                    + (lines.isEmpty() ? "an empty file" : "'" + lines.get(0) + "'"));
        }
        List<Label> labels = new ArrayList<>(lines.size() - 1);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            try {
                if (cells.length != 4) {
                    throw new IllegalArgumentException("expected 4 cells, found " + cells.length);
                }
                labels.add(new Label(cells[0].trim(), Long.parseLong(cells[1].trim()), Long.parseLong(cells[2].trim()),
                        AnomalyKind.parse(cells[3])));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return labels;
    }

    /** Writes labels to a file as they come. */
    public static final class Writer implements AutoCloseable {

        private final BufferedWriter out;

        public Writer(Path file) throws IOException {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write(HEADER);
            out.write('\n');
        }

        public void write(Label label) {
            try {
                out.write(line(label));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("could not write a label: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
