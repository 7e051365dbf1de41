package dev.vigil.trainer.export;

import ai.onnx.proto.OnnxMl;
import dev.vigil.spec.ModelSpec;

import java.util.ArrayList;
import java.util.List;

import static dev.vigil.trainer.export.OnnxProtos.floatTensor;
import static dev.vigil.trainer.export.OnnxProtos.intAttribute;
import static dev.vigil.trainer.export.OnnxProtos.intsAttribute;
import static dev.vigil.trainer.export.OnnxProtos.longTensor;
import static dev.vigil.trainer.export.OnnxProtos.node;

/**
 * Wires the forecaster's ONNX graph: the stacked LSTM over the window's steps from the given state, then the
 * output-feedback loop unrolled statically, one LSTM node of sequence length 1 per layer and horizon step, all sharing
 * one set of weight initializers. A static unroll uses only standard ops (no Loop/Scan subgraphs), which every
 * runtime handles and which ONNX Runtime optimises well; the horizon is small, so the graph stays small.
 *
 * <p>Tensor shapes, with N the dynamic batch and S the dynamic number of steps (W in window mode, 1 when serving
 * with state): the window is transposed to time-major {@code [S, N, F]}, because ONNX Runtime's CPU LSTM supports
 * only {@code layout = 0}. The state {@code [N, 2L, hidden]} is transposed to {@code [2L, N, hidden]} and split into
 * rows {@code [1, N, hidden]}, each layer's initial h and c. Each horizon step's prediction is {@code [1, N, T]};
 * the predictions are concatenated to {@code [H, N, T]} and transposed to the output {@code [N, H, T]}. The state
 * after the last step goes back out the same way round.
 */
final class ForecasterGraphBuilder {

    private static final String GRAPH_NAME = "vigil_lstm_forecaster";
    private static final String DENSE_WEIGHT = "dense_weight_t";
    private static final String DENSE_BIAS = "dense_bias";
    private static final String NON_TARGET_MASK = "non_target_mask";
    private static final String TARGET_SCATTER = "target_scatter";
    private static final String LAST_STEP_START = "last_step_start";
    private static final String LAST_STEP_END = "last_step_end";
    private static final String STATE_ROWS = "state_rows";
    private static final String AXIS_0 = "axis_0";
    private static final String AXIS_1 = "axis_1";

    private final ForecasterWeights w;
    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();

    private ForecasterGraphBuilder(ForecasterWeights w) {
        this.w = w;
    }

    /** The graph for already-checked weights (see {@link WeightShapes#check}). */
    static OnnxMl.GraphProto build(ForecasterWeights w) {
        return new ForecasterGraphBuilder(w).build();
    }

    private OnnxMl.GraphProto build() {
        graph.setName(GRAPH_NAME);
        int layers = w.layers().size();
        long stateRows = 2L * layers;
        graph.addInput(OnnxProtos.batchedSteps(ModelSpec.INPUT_NAME, w.inputSize()));
        graph.addInput(OnnxProtos.batchedFloat(ModelSpec.STATE_INPUT_NAME, stateRows, w.hiddenSize()));
        graph.addOutput(OnnxProtos.batchedFloat(ModelSpec.OUTPUT_NAME, w.horizon(), w.targets()));
        graph.addOutput(OnnxProtos.batchedFloat(ModelSpec.STATE_OUTPUT_NAME, stateRows, w.hiddenSize()));
        addInitializers();

        String window = add("Transpose", "window_time_major", List.of(ModelSpec.INPUT_NAME),
                intsAttribute("perm", 1, 0, 2));
        String[] h = new String[layers];
        String[] c = new String[layers];
        initialState(h, c);
        encode(window, h, c);
        stateOutput(h, c);

        String carried = w.horizon() > 1 ? lastStepCarried(window) : null;
        List<String> predictions = new ArrayList<>();
        for (int k = 0; k < w.horizon(); k++) {
            String product = add("MatMul", "head_" + k + "_product", List.of(h[layers - 1], DENSE_WEIGHT));
            String prediction = add("Add", "prediction_" + k, List.of(product, DENSE_BIAS));
            predictions.add(prediction);
            if (k < w.horizon() - 1) {
                String scattered = add("MatMul", "feedback_" + k + "_scattered", List.of(prediction, TARGET_SCATTER));
                String next = add("Add", "feedback_" + k + "_input", List.of(carried, scattered));
                feedbackStep(k, next, h, c);
            }
        }
        String stacked = add("Concat", "forecast_time_major", predictions, intAttribute("axis", 0));
        graph.addNode(node("Transpose", ModelSpec.OUTPUT_NAME, List.of(stacked), List.of(ModelSpec.OUTPUT_NAME),
                intsAttribute("perm", 1, 0, 2)));
        return graph.build();
    }

    /**
     * Each layer's initial h and c {@code [1, N, hidden]}, the shape the LSTM node takes them in, from
     * {@code state_in [N, 2L, hidden]}: rows 0 to L - 1 are the h of layers 0 to L - 1, the rest their c.
     */
    private void initialState(String[] h, String[] c) {
        int layers = h.length;
        String rows = add("Transpose", STATE_ROWS, List.of(ModelSpec.STATE_INPUT_NAME),
                intsAttribute("perm", 1, 0, 2));
        List<String> parts = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            h[l] = "initial_h_l" + l;
            parts.add(h[l]);
        }
        for (int l = 0; l < layers; l++) {
            c[l] = "initial_c_l" + l;
            parts.add(c[l]);
        }
        // Without a split input, Split cuts axis 0 into as many equal parts as it has outputs: here 2L rows.
        graph.addNode(node("Split", "state_split", List.of(rows), parts, intAttribute("axis", 0)));
    }

    /** The state after the window's last step, before any feedback, as output {@code state [N, 2L, hidden]}. */
    private void stateOutput(String[] h, String[] c) {
        List<String> rows = new ArrayList<>(List.of(h));
        rows.addAll(List.of(c));
        String stacked = add("Concat", "state_time_major", rows, intAttribute("axis", 0));
        graph.addNode(node("Transpose", ModelSpec.STATE_OUTPUT_NAME, List.of(stacked),
                List.of(ModelSpec.STATE_OUTPUT_NAME), intsAttribute("perm", 1, 0, 2)));
    }

    /** The last observed step {@code [1, N, F]} with its target features zeroed, ready to receive predictions. */
    private String lastStepCarried(String window) {
        // The number of steps is dynamic, so the last one is addressed from the end: Slice clamps the end.
        graph.addInitializer(longTensor(LAST_STEP_START, new long[] {-1L}, 1));
        graph.addInitializer(longTensor(LAST_STEP_END, new long[] {Long.MAX_VALUE}, 1));
        graph.addInitializer(longTensor(AXIS_0, new long[] {0}, 1));
        graph.addInitializer(floatTensor(NON_TARGET_MASK, OnnxWeightLayout.nonTargetMask(w), w.inputSize()));
        graph.addInitializer(floatTensor(TARGET_SCATTER, OnnxWeightLayout.targetScatter(w),
                w.targets(), w.inputSize()));
        String lastStep = add("Slice", "last_step", List.of(window, LAST_STEP_START, LAST_STEP_END, AXIS_0));
        return add("Mul", "last_step_carried", List.of(lastStep, NON_TARGET_MASK));
    }

    /**
     * The stacked LSTM over all the window's steps, each layer starting from the h and c given; leaves each layer's
     * final hidden and cell state in h and c.
     */
    private void encode(String window, String[] h, String[] c) {
        String input = window;
        int layers = h.length;
        for (int l = 0; l < layers; l++) {
            String prefix = "encode_l" + l;
            boolean feedsNextLayer = l < layers - 1;
            String y = feedsNextLayer ? prefix + "_Y" : "";
            String newH = prefix + "_Y_h";
            String newC = prefix + "_Y_c";
            graph.addNode(lstm(prefix, List.of(input, weight(l), recurrence(l), bias(l), "", h[l], c[l]),
                    List.of(y, newH, newC)));
            h[l] = newH;
            c[l] = newC;
            if (feedsNextLayer) {
                // Y is [S, num_directions = 1, N, hidden]; the next layer wants [S, N, hidden].
                input = add("Squeeze", prefix + "_Y_squeezed", List.of(y, AXIS_1));
            }
        }
    }

    /**
     * One more time step through every layer on the fed-back input {@code [1, N, F]}, starting from each layer's
     * previous state. With a sequence length of 1 a layer's Y_h {@code [1, N, hidden]} is already the next layer's
     * input, so no Squeeze is needed here.
     */
    private void feedbackStep(int k, String next, String[] h, String[] c) {
        String input = next;
        for (int l = 0; l < h.length; l++) {
            String prefix = "feedback_" + k + "_l" + l;
            String newH = prefix + "_Y_h";
            String newC = prefix + "_Y_c";
            graph.addNode(lstm(prefix, List.of(input, weight(l), recurrence(l), bias(l), "", h[l], c[l]),
                    List.of("", newH, newC)));
            h[l] = newH;
            c[l] = newC;
            input = newH;
        }
    }

    private OnnxMl.NodeProto lstm(String name, List<String> inputs, List<String> outputs) {
        return node("LSTM", name, inputs, outputs,
                intAttribute("hidden_size", w.hiddenSize()),
                intAttribute("layout", 0));
    }

    /** The initializers every graph uses; those of the feedback path are added with it, so none goes unused. */
    private void addInitializers() {
        int hidden = w.hiddenSize();
        for (int l = 0; l < w.layers().size(); l++) {
            ForecasterWeights.LayerWeights layer = w.layers().get(l);
            int in = l == 0 ? w.inputSize() : hidden;
            graph.addInitializer(floatTensor(weight(l),
                    OnnxWeightLayout.onnxGateOrder(layer.inputToHidden(), hidden, in), 1, 4L * hidden, in));
            graph.addInitializer(floatTensor(recurrence(l),
                    OnnxWeightLayout.onnxGateOrder(layer.hiddenToHidden(), hidden, hidden), 1, 4L * hidden, hidden));
            graph.addInitializer(floatTensor(bias(l), OnnxWeightLayout.onnxBias(layer, hidden), 1, 8L * hidden));
        }
        graph.addInitializer(floatTensor(DENSE_WEIGHT, OnnxWeightLayout.denseTransposed(w), hidden, w.targets()));
        graph.addInitializer(floatTensor(DENSE_BIAS, w.denseBias().clone(), w.targets()));
        if (w.layers().size() > 1) {
            graph.addInitializer(longTensor(AXIS_1, new long[] {1}, 1));
        }
    }

    /** Adds a single-output node whose output is named after the node, and returns that name. */
    private String add(String opType, String name, List<String> inputs, OnnxMl.AttributeProto... attributes) {
        graph.addNode(node(opType, name, inputs, List.of(name), attributes));
        return name;
    }

    private static String weight(int layer) {
        return "lstm_l" + layer + "_W";
    }

    private static String recurrence(int layer) {
        return "lstm_l" + layer + "_R";
    }

    private static String bias(int layer) {
        return "lstm_l" + layer + "_B";
    }
}
