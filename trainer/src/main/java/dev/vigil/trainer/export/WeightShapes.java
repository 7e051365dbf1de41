package dev.vigil.trainer.export;

import java.util.List;

/**
 * Checks that a {@link ForecasterWeights} is internally consistent before anything is built from it. The record is
 * a plain carrier of arrays, so a wrong length would otherwise surface as an index error deep in the reference
 * forward or, worse, as an ONNX file that loads and then fails on its first batch.
 */
final class WeightShapes {

    private WeightShapes() {
    }

    /** Throws {@link IllegalArgumentException} naming the first field whose size does not fit the others. */
    static void check(ForecasterWeights w) {
        positive("inputSize", w.inputSize());
        positive("hiddenSize", w.hiddenSize());
        positive("windowSize", w.windowSize());
        positive("horizon", w.horizon());
        int features = w.inputSize();
        int hidden = w.hiddenSize();
        int[] targets = w.targetIndices();
        if (targets == null || targets.length == 0) {
            throw new IllegalArgumentException("ForecasterWeights.targetIndices: expected at least one target");
        }
        boolean[] seen = new boolean[features];
        for (int index : targets) {
            if (index < 0 || index >= features) {
                throw new IllegalArgumentException("ForecasterWeights.targetIndices: expected indices in [0, "
                        + features + "), found " + index);
            }
            if (seen[index]) {
                throw new IllegalArgumentException("ForecasterWeights.targetIndices: expected unique indices, found "
                        + index + " twice");
            }
            seen[index] = true;
        }
        List<ForecasterWeights.LayerWeights> layers = w.layers();
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("ForecasterWeights.layers: expected at least one LSTM layer");
        }
        for (int l = 0; l < layers.size(); l++) {
            ForecasterWeights.LayerWeights layer = layers.get(l);
            int in = l == 0 ? features : hidden;
            String prefix = "ForecasterWeights.layers[" + l + "].";
            length(prefix + "inputToHidden", layer.inputToHidden(), 4 * hidden * in, "[4 * hidden][" + in + "]");
            length(prefix + "hiddenToHidden", layer.hiddenToHidden(), 4 * hidden * hidden,
                    "[4 * hidden][hidden]");
            length(prefix + "inputBias", layer.inputBias(), 4 * hidden, "[4 * hidden]");
            length(prefix + "hiddenBias", layer.hiddenBias(), 4 * hidden, "[4 * hidden]");
        }
        length("ForecasterWeights.denseWeight", w.denseWeight(), targets.length * hidden, "[targets][hidden]");
        length("ForecasterWeights.denseBias", w.denseBias(), targets.length, "[targets]");
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("ForecasterWeights." + name + ": expected at least 1, found " + value);
        }
    }

    private static void length(String name, float[] values, int expected, String shape) {
        if (values == null || values.length != expected) {
            throw new IllegalArgumentException(name + ": expected " + expected + " floats " + shape + ", found "
                    + (values == null ? "null" : values.length));
        }
    }
}
