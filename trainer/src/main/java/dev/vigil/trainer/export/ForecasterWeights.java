package dev.vigil.trainer.export;

import java.util.List;

/**
 * The trained parameters of the LSTM forecaster, engine-neutral, in PyTorch's layout (gate order i, f, g, o).
 * The exporter turns them into an ONNX graph; the trainer fills them from the DJL model.
 *
 * @param inputSize     F: features per step
 * @param hiddenSize    LSTM state size
 * @param targetIndices for each forecast target, its index among the F features
 * @param windowSize    W
 * @param horizon       H
 * @param layers        one entry per stacked LSTM layer, bottom first
 * @param denseWeight   row-major {@code [targets][hiddenSize]}: the head on the top layer's hidden state
 * @param denseBias     {@code [targets]}
 */
public record ForecasterWeights(
        int inputSize,
        int hiddenSize,
        int[] targetIndices,
        int windowSize,
        int horizon,
        List<LayerWeights> layers,
        float[] denseWeight,
        float[] denseBias) {

    public ForecasterWeights {
        layers = List.copyOf(layers);
    }

    public int targets() {
        return targetIndices.length;
    }

    /**
     * One LSTM layer in PyTorch's layout.
     *
     * @param inputToHidden  row-major {@code [4 * hidden][layerInput]}, gate blocks i, f, g, o
     * @param hiddenToHidden row-major {@code [4 * hidden][hidden]}, gate blocks i, f, g, o
     * @param inputBias      {@code [4 * hidden]}
     * @param hiddenBias     {@code [4 * hidden]}
     */
    public record LayerWeights(float[] inputToHidden, float[] hiddenToHidden, float[] inputBias, float[] hiddenBias) {
    }
}
