package dev.vigil.trainer.data;

import java.util.List;

/**
 * All the history a model is trained on: several series sharing one feature list and step interval.
 *
 * @param source     where it came from, for provenance and error messages (a path or {@code kafka:<topic>})
 * @param features   feature names, in the order of every series' values
 * @param series     the series, each sorted by time
 * @param stepMillis the step interval: given by the user, or the median spacing of the timestamps
 */
public record History(String source, List<String> features, List<Series> series, long stepMillis) {

    public History {
        features = List.copyOf(features);
        series = List.copyOf(series);
    }

    public long points() {
        long n = 0;
        for (Series s : series) {
            n += s.length();
        }
        return n;
    }
}
