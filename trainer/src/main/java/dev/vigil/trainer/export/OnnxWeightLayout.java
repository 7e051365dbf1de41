package dev.vigil.trainer.export;

import java.util.Arrays;

/**
 * Rearranges the PyTorch-layout parameters into the tensors the ONNX graph consumes. Kept apart from the graph
 * wiring because a gate-order slip here is the classic silent export bug: the model still runs, only wrongly.
 *
 * <p>PyTorch stacks the gate blocks as (i, f, g, o); ONNX's LSTM expects (i, o, f, c) and one bias tensor
 * {@code [input bias | recurrent bias]}.
 */
final class OnnxWeightLayout {

    /** For each ONNX gate block (i, o, f, c), the PyTorch block (i, f, g, o) it comes from. */
    private static final int[] PYTORCH_BLOCK_OF_ONNX_BLOCK = {0, 3, 1, 2};

    private OnnxWeightLayout() {
    }

    /**
     * Reorders the row blocks of a {@code [4 * hidden][columns]} row-major matrix (or a {@code [4 * hidden]} vector
     * with {@code columns = 1}) from PyTorch to ONNX gate order.
     */
    static float[] onnxGateOrder(float[] pytorch, int hidden, int columns) {
        int block = hidden * columns;
        float[] onnx = new float[4 * block];
        for (int b = 0; b < 4; b++) {
            System.arraycopy(pytorch, PYTORCH_BLOCK_OF_ONNX_BLOCK[b] * block, onnx, b * block, block);
        }
        return onnx;
    }

    /** ONNX's {@code B [1, 8 * hidden]}: reordered input bias followed by reordered recurrent bias. */
    static float[] onnxBias(ForecasterWeights.LayerWeights layer, int hidden) {
        float[] bias = new float[8 * hidden];
        System.arraycopy(onnxGateOrder(layer.inputBias(), hidden, 1), 0, bias, 0, 4 * hidden);
        System.arraycopy(onnxGateOrder(layer.hiddenBias(), hidden, 1), 0, bias, 4 * hidden, 4 * hidden);
        return bias;
    }

    /** The head's weight as {@code [hidden][targets]}, so {@code MatMul(h, weight)} needs no Transpose node. */
    static float[] denseTransposed(ForecasterWeights w) {
        int hidden = w.hiddenSize();
        int targets = w.targets();
        float[] transposed = new float[hidden * targets];
        for (int t = 0; t < targets; t++) {
            for (int j = 0; j < hidden; j++) {
                transposed[j * targets + t] = w.denseWeight()[t * hidden + j];
            }
        }
        return transposed;
    }

    /** {@code [features]}: 0 where a feature is a target (its value is replaced), 1 where it is carried forward. */
    static float[] nonTargetMask(ForecasterWeights w) {
        float[] mask = new float[w.inputSize()];
        Arrays.fill(mask, 1f);
        for (int index : w.targetIndices()) {
            mask[index] = 0f;
        }
        return mask;
    }

    /**
     * {@code [targets][features]} one-hot: row t has a single 1 at column {@code targetIndices[t]}. Multiplying the
     * prediction by it places each target's value at its feature position and zeros elsewhere, exactly in float.
     */
    static float[] targetScatter(ForecasterWeights w) {
        int features = w.inputSize();
        int[] targets = w.targetIndices();
        float[] scatter = new float[targets.length * features];
        for (int t = 0; t < targets.length; t++) {
            scatter[t * features + targets[t]] = 1f;
        }
        return scatter;
    }
}
