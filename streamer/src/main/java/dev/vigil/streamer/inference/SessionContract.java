package dev.vigil.streamer.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import dev.vigil.spec.InvalidModelSpecException;
import dev.vigil.spec.ModelSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what ONNX Runtime says a session takes and returns against the model's spec: a FLOAT input
 * {@code window [batch, W or steps, F]} and a FLOAT output {@code forecast [batch, H, T]}, the batch dimension
 * dynamic; and, in models exported for stateful serving, the pair {@code state_in} / {@code state}
 * {@code [batch, 2 * layers, hidden]}. The spec reader checks the same in the file's graph; this checks the session
 * actually built from it.
 */
final class SessionContract {

    private SessionContract() {
    }

    /** The state's {@code [rows, hidden]} when the model carries LSTM state, or null for a window-only model. */
    static long[] check(OrtSession session, ModelSpec spec, String origin) {
        try {
            Map<String, NodeInfo> inputs = session.getInputInfo();
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            boolean stateful = inputs.containsKey(ModelSpec.STATE_INPUT_NAME);
            Set<String> expectedInputs = stateful ? Set.of(ModelSpec.INPUT_NAME, ModelSpec.STATE_INPUT_NAME)
                    : Set.of(ModelSpec.INPUT_NAME);
            Set<String> expectedOutputs = stateful ? Set.of(ModelSpec.OUTPUT_NAME, ModelSpec.STATE_OUTPUT_NAME)
                    : Set.of(ModelSpec.OUTPUT_NAME);
            names(origin, "inputs", inputs, expectedInputs);
            names(origin, "outputs", outputs, expectedOutputs);
            long[] window = tensor(origin, "input", inputs, ModelSpec.INPUT_NAME);
            // a stateful graph takes any number of steps: one per record, or a whole window to re-derive
            if (window[1] != spec.windowSize() && !(stateful && window[1] < 0)) {
                throw shape(origin, "input", ModelSpec.INPUT_NAME, "[batch, windowSize, features]",
                        spec.windowSize(), spec.features().size(), inputs);
            }
            dims(origin, "input", inputs, ModelSpec.INPUT_NAME, window, "[batch, windowSize, features]",
                    window[1], spec.features().size());
            long[] forecast = tensor(origin, "output", outputs, ModelSpec.OUTPUT_NAME);
            dims(origin, "output", outputs, ModelSpec.OUTPUT_NAME, forecast, "[batch, horizon, targets]",
                    spec.horizon(), spec.targets().size());
            if (!stateful) {
                return null;
            }
            long[] in = tensor(origin, "input", inputs, ModelSpec.STATE_INPUT_NAME);
            long[] out = tensor(origin, "output", outputs, ModelSpec.STATE_OUTPUT_NAME);
            if (in[1] < 2 || in[1] % 2 != 0 || in[2] < 1) {
                TensorInfo info = (TensorInfo) inputs.get(ModelSpec.STATE_INPUT_NAME).getInfo();
                throw new InvalidModelSpecException("model " + origin + ": session input '"
                        + ModelSpec.STATE_INPUT_NAME + "' expected shape [batch, 2 * layers, hidden] with fixed, "
                        + "even rows and hidden > 0, found " + describe(info.getShape(), info.getDimensionNames()));
            }
            dims(origin, "output", outputs, ModelSpec.STATE_OUTPUT_NAME, out, "[batch, 2 * layers, hidden]",
                    in[1], in[2]);
            return new long[] {in[1], in[2]};
        } catch (OrtException e) {
            throw new InvalidModelSpecException("model " + origin
                    + ": ONNX Runtime could not describe the session's inputs and outputs: " + e.getMessage(), e);
        }
    }

    private static void names(String origin, String kind, Map<String, NodeInfo> nodes, Set<String> expected) {
        if (!nodes.keySet().equals(expected)) {
            throw new InvalidModelSpecException("model " + origin + ": expected session " + kind + " "
                    + expected.stream().sorted().toList() + ", found " + nodes.keySet().stream().sorted().toList());
        }
    }

    /** The shape of a FLOAT tensor of rank 3. */
    private static long[] tensor(String origin, String kind, Map<String, NodeInfo> nodes, String name) {
        String what = "model " + origin + ": session " + kind + " '" + name + "'";
        ValueInfo info = nodes.get(name).getInfo();
        if (!(info instanceof TensorInfo tensor)) {
            throw new InvalidModelSpecException(what + " expected a tensor, found " + info);
        }
        if (tensor.onnxType != TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT) {
            throw new InvalidModelSpecException(what + " expected element type FLOAT, found " + tensor.onnxType);
        }
        long[] shape = tensor.getShape();
        if (shape.length != 3 || shape[0] >= 0) {
            throw new InvalidModelSpecException(what + " expected a rank 3 shape with a dynamic batch, found "
                    + describe(shape, tensor.getDimensionNames()));
        }
        return shape;
    }

    private static void dims(String origin, String kind, Map<String, NodeInfo> nodes, String name, long[] shape,
                             String layout, long dim1, long dim2) {
        if (shape[1] != dim1 || shape[2] != dim2) {
            throw shape(origin, kind, name, layout, dim1, dim2, nodes);
        }
    }

    private static InvalidModelSpecException shape(String origin, String kind, String name, String layout,
                                                   long dim1, long dim2, Map<String, NodeInfo> nodes) {
        TensorInfo tensor = (TensorInfo) nodes.get(name).getInfo();
        return new InvalidModelSpecException("model " + origin + ": session " + kind + " '" + name
                + "' expected shape " + layout + " = [-1 or symbolic, " + (dim1 < 0 ? "symbolic" : dim1) + ", "
                + dim2 + "], found " + describe(tensor.getShape(), tensor.getDimensionNames()));
    }

    /** A shape with symbolic dimensions by name, unknown ones as -1: {@code [batch, 8, 2]}. */
    private static String describe(long[] shape, String[] names) {
        List<String> dims = new ArrayList<>(shape.length);
        for (int i = 0; i < shape.length; i++) {
            boolean named = shape[i] < 0 && names != null && i < names.length && !names[i].isEmpty();
            dims.add(named ? names[i] : Long.toString(shape[i]));
        }
        return dims.toString();
    }
}
