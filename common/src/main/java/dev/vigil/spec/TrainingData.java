package dev.vigil.spec;

/**
 * What a model was trained on.
 *
 * @param source       where the history came from (a path or {@code kafka:<topic>})
 * @param series       number of series
 * @param points       number of time steps over all series
 * @param firstTsMillis earliest timestamp, epoch milliseconds
 * @param lastTsMillis  latest timestamp, epoch milliseconds
 * @param fingerprint  SHA-256 over series ids, timestamps and values, hex
 */
public record TrainingData(String source, int series, long points, long firstTsMillis, long lastTsMillis,
                           String fingerprint) {
}
