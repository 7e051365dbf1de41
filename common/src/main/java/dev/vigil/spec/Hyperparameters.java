package dev.vigil.spec;

/**
 * The settings a model was fitted with.
 *
 * @param layers            stacked LSTM layers
 * @param hiddenSize        LSTM state size
 * @param dropout           dropout between stacked layers while training
 * @param batchSize         windows per gradient step
 * @param learningRate      Adam's learning rate
 * @param maxEpochs         upper bound on epochs
 * @param patience          epochs without validation improvement before stopping early
 * @param gradientClip      gradients are clipped element-wise to [-clip, clip]; 0 disables
 * @param windowsPerEpoch   training windows sampled per epoch (0 = all)
 * @param seed              seed of every random choice in training
 */
public record Hyperparameters(
        int layers,
        int hiddenSize,
        double dropout,
        int batchSize,
        double learningRate,
        int maxEpochs,
        int patience,
        double gradientClip,
        int windowsPerEpoch,
        long seed) {
}
