package dev.vigil.trainer.fit;

/**
 * A batch of scaled windows and their scaled labels, ready for the engine.
 *
 * @param size    windows in the batch
 * @param inputs  row-major {@code [size][W][F]}
 * @param labels  row-major {@code [size][H][targets]}: the actual future values, scaled with each window's stats
 */
public record WindowBatch(int size, float[] inputs, float[] labels) {
}
