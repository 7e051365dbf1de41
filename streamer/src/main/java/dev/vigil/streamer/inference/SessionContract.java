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

/**
 * Checks what ONNX Runtime says a session takes and returns against the model's spec: exactly one FLOAT input
 * {@code window [batch, W, F]} and one FLOAT output {@code forecast [batch, H, T]}, the batch dimension dynamic.
 * The spec reader checks the same in the file's graph; this checks the session actually built from it.
 */
final class SessionContract {

    private SessionContract() {
    }

    static void check(OrtSession session, ModelSpec spec, String origin) {
        try {
            check(origin, "input", session.getInputInfo(), ModelSpec.INPUT_NAME,
                    spec.windowSize(), spec.features().size(), "[batch, windowSize, features]");
            check(origin, "output", session.getOutputInfo(), ModelSpec.OUTPUT_NAME,
                    spec.horizon(), spec.targets().size(), "[batch, horizon, targets]");
        } catch (OrtException e) {
            throw new InvalidModelSpecException("model " + origin
                    + ": ONNX Runtime could not describe the session's inputs and outputs: " + e.getMessage(), e);
        }
    }

    private static void check(String origin, String kind, Map<String, NodeInfo> nodes, String name,
                              long dim1, long dim2, String layout) {
        if (nodes.size() != 1 || !nodes.containsKey(name)) {
            throw new InvalidModelSpecException("model " + origin + ": expected exactly one session " + kind
                    + " '" + name + "', found " + nodes.keySet());
        }
        String what = "model " + origin + ": session " + kind + " '" + name + "'";
        ValueInfo info = nodes.get(name).getInfo();
        if (!(info instanceof TensorInfo tensor)) {
            throw new InvalidModelSpecException(what + " expected a tensor, found " + info);
        }
        if (tensor.onnxType != TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT) {
            throw new InvalidModelSpecException(what + " expected element type FLOAT, found " + tensor.onnxType);
        }
        long[] shape = tensor.getShape();
        if (shape.length != 3 || shape[0] >= 0 || shape[1] != dim1 || shape[2] != dim2) {
            throw new InvalidModelSpecException(what + " expected shape " + layout + " = [-1 or symbolic, " + dim1
                    + ", " + dim2 + "], found " + describe(shape, tensor.getDimensionNames()));
        }
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
