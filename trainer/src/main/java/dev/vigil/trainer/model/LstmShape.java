package dev.vigil.trainer.model;

/**
 * The architecture of the forecaster.
 *
 * @param inputSize     F: features per step
 * @param targetIndices the forecast features' indices among the F features
 * @param windowSize    W
 * @param horizon       H
 * @param layers        stacked LSTM layers
 * @param hiddenSize    LSTM state size
 * @param dropout       dropout between stacked layers while training
 */
public record LstmShape(int inputSize, int[] targetIndices, int windowSize, int horizon, int layers,
                        int hiddenSize, double dropout) {

    /** 1 for features carried forward from the last observed step during feedback, 0 for targets. */
    float[] carriedMask() {
        float[] mask = new float[inputSize];
        java.util.Arrays.fill(mask, 1f);
        for (int index : targetIndices) {
            mask[index] = 0f;
        }
        return mask;
    }

    /** Row-major {@code [targets][inputSize]} one-hot matrix placing each prediction at its feature's position. */
    float[] targetScatter() {
        float[] scatter = new float[targetIndices.length * inputSize];
        for (int t = 0; t < targetIndices.length; t++) {
            scatter[t * inputSize + targetIndices[t]] = 1f;
        }
        return scatter;
    }
}
