package dev.vigil.trainer.export;

import java.util.List;

/**
 * The forecaster's semantics written out plainly in Java, accumulating in double. It is the yardstick the exported
 * ONNX graph is checked against and the source of golden expected outputs, so it favours obviousness over speed.
 *
 * <p>For each window {@code x [W][F]}: run the stacked LSTM (PyTorch equations, gate order i, f, g, o, zero initial
 * state) over the W steps. Then, for each of the H horizon steps, the dense head on the top layer's hidden state
 * gives the prediction {@code [T]}; the next input is the last observed step with each target feature replaced by
 * its prediction (other features are carried forward), and one more LSTM step runs through all layers.
 *
 * <p>{@link #forecast(ForecasterWeights, float[], int, int, float[])} is the same from a given state and over any
 * number of steps, as the graph serves statefully; it also returns the state after the last fed step.
 */
public final class ReferenceForecaster {

    private ReferenceForecaster() {
    }

    /**
     * The zero-state, W-step case: window mode.
     *
     * @param windows row-major {@code [batch][windowSize][inputSize]}, already scaled
     * @return row-major {@code [batch][horizon][targets]}
     */
    public static float[] forecast(ForecasterWeights w, float[] windows, int batch) {
        WeightShapes.check(w);
        int windowFloats = w.windowSize() * w.inputSize();
        if (batch < 1 || windows == null || windows.length != (long) batch * windowFloats) {
            throw new IllegalArgumentException("windows: expected batch * windowSize * inputSize = " + batch + " * "
                    + w.windowSize() + " * " + w.inputSize() + " floats, found "
                    + (windows == null ? "null" : windows.length));
        }
        return forecast(w, windows, batch, w.windowSize(), zeroState(w, batch)).forecast();
    }

    /**
     * Runs {@code steps} steps per series from {@code state}, then the horizon feedback from the last of them.
     * Zeros and W steps give {@link #forecast(ForecasterWeights, float[], int)}; so do the first k steps from zeros
     * followed by the other W - k from the state they return.
     *
     * @param inputs row-major {@code [batch][steps][inputSize]}, already scaled
     * @param steps  steps per series, at least 1
     * @param state  row-major {@code [batch][2 * layers][hidden]} (see {@link StatefulForecast#state()}); not changed
     */
    public static StatefulForecast forecast(ForecasterWeights w, float[] inputs, int batch, int steps,
                                            float[] state) {
        WeightShapes.check(w);
        if (batch < 1 || steps < 1) {
            throw new IllegalArgumentException("batch and steps: expected at least 1 each, found " + batch + " and "
                    + steps);
        }
        requireLength("inputs", inputs, "batch * steps * inputSize = " + batch + " * " + steps + " * "
                + w.inputSize(), (long) batch * steps * w.inputSize());
        int stateFloats = stateFloats(w);
        requireLength("state", state, "batch * 2 * layers * hidden = " + batch + " * " + 2 * w.layers().size()
                + " * " + w.hiddenSize(), (long) batch * stateFloats);
        int forecastFloats = w.horizon() * w.targets();
        float[] forecast = new float[batch * forecastFloats];
        float[] endState = new float[batch * stateFloats];
        for (int b = 0; b < batch; b++) {
            forecastOne(w, inputs, b * steps * w.inputSize(), steps, state, b * stateFloats, forecast,
                    b * forecastFloats, endState);
        }
        return new StatefulForecast(forecast, endState);
    }

    /** The state before any step, {@code [batch][2 * layers][hidden]} zeros. */
    public static float[] zeroState(ForecasterWeights w, int batch) {
        return new float[batch * stateFloats(w)];
    }

    private static int stateFloats(ForecasterWeights w) {
        return 2 * w.layers().size() * w.hiddenSize();
    }

    private static void forecastOne(ForecasterWeights w, float[] inputs, int from, int steps, float[] state,
                                    int stateAt, float[] out, int to, float[] endState) {
        int features = w.inputSize();
        int layers = w.layers().size();
        int hidden = w.hiddenSize();
        double[][] h = new double[layers][hidden];
        double[][] c = new double[layers][hidden];
        for (int l = 0; l < layers; l++) {
            for (int j = 0; j < hidden; j++) {
                h[l][j] = state[stateAt + l * hidden + j];
                c[l][j] = state[stateAt + (layers + l) * hidden + j];
            }
        }
        double[] x = new double[features];
        for (int step = 0; step < steps; step++) {
            for (int f = 0; f < features; f++) {
                x[f] = inputs[from + step * features + f];
            }
            step(w.layers(), x, h, c);
        }
        for (int l = 0; l < layers; l++) {
            for (int j = 0; j < hidden; j++) {
                endState[stateAt + l * hidden + j] = (float) h[l][j];
                endState[stateAt + (layers + l) * hidden + j] = (float) c[l][j];
            }
        }
        double[] lastObserved = x.clone();
        int[] targets = w.targetIndices();
        for (int k = 0; k < w.horizon(); k++) {
            double[] prediction = dense(w, h[layers - 1]);
            for (int t = 0; t < targets.length; t++) {
                out[to + k * targets.length + t] = (float) prediction[t];
            }
            if (k == w.horizon() - 1) {
                break;
            }
            double[] next = lastObserved.clone();
            for (int t = 0; t < targets.length; t++) {
                next[targets[t]] = prediction[t];
            }
            step(w.layers(), next, h, c);
        }
    }

    private static void requireLength(String name, float[] values, String what, long expected) {
        if (values == null || values.length != expected) {
            throw new IllegalArgumentException(name + ": expected " + what + " = " + expected + " floats, found "
                    + (values == null ? "null" : values.length));
        }
    }

    /** One time step through every layer; each layer's new hidden state is the next layer's input. */
    private static void step(List<ForecasterWeights.LayerWeights> layers, double[] x, double[][] h, double[][] c) {
        double[] input = x;
        for (int l = 0; l < layers.size(); l++) {
            cell(layers.get(l), input, h[l], c[l]);
            input = h[l];
        }
    }

    /** PyTorch's LSTM cell, updating {@code h} and {@code c} in place. */
    private static void cell(ForecasterWeights.LayerWeights layer, double[] input, double[] h, double[] c) {
        int hidden = h.length;
        int in = input.length;
        double[] gates = new double[4 * hidden];
        for (int r = 0; r < gates.length; r++) {
            double sum = (double) layer.inputBias()[r] + layer.hiddenBias()[r];
            for (int j = 0; j < in; j++) {
                sum += layer.inputToHidden()[r * in + j] * input[j];
            }
            for (int j = 0; j < hidden; j++) {
                sum += layer.hiddenToHidden()[r * hidden + j] * h[j];
            }
            gates[r] = sum;
        }
        for (int j = 0; j < hidden; j++) {
            double inputGate = sigmoid(gates[j]);
            double forgetGate = sigmoid(gates[hidden + j]);
            double candidate = Math.tanh(gates[2 * hidden + j]);
            double outputGate = sigmoid(gates[3 * hidden + j]);
            c[j] = forgetGate * c[j] + inputGate * candidate;
            h[j] = outputGate * Math.tanh(c[j]);
        }
    }

    private static double[] dense(ForecasterWeights w, double[] hTop) {
        int hidden = hTop.length;
        double[] out = new double[w.targets()];
        for (int t = 0; t < out.length; t++) {
            double sum = w.denseBias()[t];
            for (int j = 0; j < hidden; j++) {
                sum += w.denseWeight()[t * hidden + j] * hTop[j];
            }
            out[t] = sum;
        }
        return out;
    }

    private static double sigmoid(double v) {
        return 1.0 / (1.0 + Math.exp(-v));
    }
}
