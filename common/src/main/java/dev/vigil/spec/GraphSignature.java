package dev.vigil.spec;

import ai.onnx.proto.OnnxMl;

import java.util.List;
import java.util.Optional;

/**
 * Checks an ONNX graph's inputs and outputs against its spec: {@code window [batch, W or steps, F]} in,
 * {@code forecast [batch, H, T]} out, and optionally the LSTM state pair {@code state_in} / {@code state}, both
 * {@code [batch, 2 * layers, hidden]}. Dimensions are compared as lists with -1 for a symbolic or unknown one, so an
 * error shows both shapes in the same notation.
 */
final class GraphSignature {

    /** Stands for a symbolic (or unset) dimension, as the batch axis always is. */
    private static final long SYMBOLIC = -1L;

    private final OnnxMl.GraphProto graph;
    private final String origin;

    private GraphSignature(OnnxMl.GraphProto graph, String origin) {
        this.graph = graph;
        this.origin = origin;
    }

    /**
     * @return the state shape when the graph has the state input and output, empty for a window-only graph
     * @throws InvalidModelSpecException naming the model and tensor at the first mismatch
     */
    static Optional<StateShape> check(OnnxMl.GraphProto graph, ModelSpec spec, String origin) {
        return new GraphSignature(graph, origin).check(spec);
    }

    private Optional<StateShape> check(ModelSpec spec) {
        long features = spec.features().size();
        // A stateful graph feeds any number of steps (one per record when serving with state), so the steps axis
        // may be symbolic; a window-only graph from before stateful serving fixes it at W.
        List<Long> window = dims("input", ModelSpec.INPUT_NAME, required("input", graph.getInputList(),
                ModelSpec.INPUT_NAME));
        List<Long> fixedSteps = List.of(SYMBOLIC, (long) spec.windowSize(), features);
        if (!window.equals(fixedSteps) && !window.equals(List.of(SYMBOLIC, SYMBOLIC, features))) {
            throw refused("input", ModelSpec.INPUT_NAME, "shape " + fixedSteps
                    + " (batch, spec; the steps may also be symbolic)", window);
        }
        requireShape("output", ModelSpec.OUTPUT_NAME,
                dims("output", ModelSpec.OUTPUT_NAME, required("output", graph.getOutputList(), ModelSpec.OUTPUT_NAME)),
                List.of(SYMBOLIC, (long) spec.horizon(), (long) spec.targets().size()), " (batch, spec)");
        return state();
    }

    private Optional<StateShape> state() {
        Optional<OnnxMl.ValueInfoProto> in = find(graph.getInputList(), ModelSpec.STATE_INPUT_NAME);
        Optional<OnnxMl.ValueInfoProto> out = find(graph.getOutputList(), ModelSpec.STATE_OUTPUT_NAME);
        if (in.isEmpty() && out.isEmpty()) {
            return Optional.empty();
        }
        // One without the other cannot serve either way: state could go in but never come back, or the reverse.
        if (in.isEmpty()) {
            throw new InvalidModelSpecException("model " + origin + ": graph output '" + ModelSpec.STATE_OUTPUT_NAME
                    + "' expected together with graph input '" + ModelSpec.STATE_INPUT_NAME + "', found inputs "
                    + names(graph.getInputList()));
        }
        if (out.isEmpty()) {
            throw new InvalidModelSpecException("model " + origin + ": graph input '" + ModelSpec.STATE_INPUT_NAME
                    + "' expected together with graph output '" + ModelSpec.STATE_OUTPUT_NAME + "', found outputs "
                    + names(graph.getOutputList()));
        }
        List<Long> inDims = dims("input", ModelSpec.STATE_INPUT_NAME, in.get());
        if (inDims.size() != 3 || inDims.get(0) != SYMBOLIC || inDims.get(1) < 2 || inDims.get(1) % 2 != 0
                || inDims.get(2) < 1) {
            throw refused("input", ModelSpec.STATE_INPUT_NAME, "shape [-1, 2 * layers, hidden] (batch, an even "
                    + "number >= 2 of state rows, hidden size >= 1)", inDims);
        }
        requireShape("output", ModelSpec.STATE_OUTPUT_NAME, dims("output", ModelSpec.STATE_OUTPUT_NAME, out.get()),
                inDims, " (the shape of input '" + ModelSpec.STATE_INPUT_NAME + "')");
        return Optional.of(new StateShape(Math.toIntExact(inDims.get(1)), Math.toIntExact(inDims.get(2))));
    }

    private OnnxMl.ValueInfoProto required(String kind, List<OnnxMl.ValueInfoProto> values, String name) {
        return find(values, name).orElseThrow(() -> new InvalidModelSpecException("model " + origin
                + ": expected graph " + kind + " '" + name + "', found " + names(values)));
    }

    /** The dims of a FLOAT tensor, -1 where a dim is symbolic or unset. */
    private List<Long> dims(String kind, String name, OnnxMl.ValueInfoProto value) {
        OnnxMl.TypeProto.Tensor tensor = value.getType().getTensorType();
        if (tensor.getElemType() != OnnxMl.TensorProto.DataType.FLOAT.getNumber()) {
            OnnxMl.TensorProto.DataType found = OnnxMl.TensorProto.DataType.forNumber(tensor.getElemType());
            throw new InvalidModelSpecException("model " + origin + ": graph " + kind + " '" + name
                    + "' expected element type FLOAT, found " + (found == null ? tensor.getElemType() : found));
        }
        return tensor.getShape().getDimList().stream()
                .map(d -> d.hasDimValue() ? d.getDimValue() : SYMBOLIC)
                .toList();
    }

    private void requireShape(String kind, String name, List<Long> dims, List<Long> expected, String why) {
        if (!dims.equals(expected)) {
            throw refused(kind, name, "shape " + expected + why, dims);
        }
    }

    private InvalidModelSpecException refused(String kind, String name, String expected, List<Long> found) {
        return new InvalidModelSpecException("model " + origin + ": graph " + kind + " '" + name + "' expected "
                + expected + ", found " + found);
    }

    private static Optional<OnnxMl.ValueInfoProto> find(List<OnnxMl.ValueInfoProto> values, String name) {
        return values.stream().filter(v -> v.getName().equals(name)).findFirst();
    }

    private static List<String> names(List<OnnxMl.ValueInfoProto> values) {
        return values.stream().map(OnnxMl.ValueInfoProto::getName).toList();
    }
}
