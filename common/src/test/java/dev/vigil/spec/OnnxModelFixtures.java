package dev.vigil.spec;

import ai.onnx.proto.OnnxMl;

import java.util.List;

/**
 * Builds tiny ONNX models whose metadata and graph signature can be broken one piece at a time. The graph has the
 * input and output value infos the reader checks and one node between them; it is never run.
 */
final class OnnxModelFixtures {

    static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT.getNumber();
    static final int DOUBLE = OnnxMl.TensorProto.DataType.DOUBLE.getNumber();

    private OnnxModelFixtures() {
    }

    /** A model that agrees with {@code spec}: {@code window [batch, W, F]} and {@code forecast [batch, H, T]}. */
    static OnnxMl.ModelProto.Builder modelFor(ModelSpec spec) {
        return model(ModelSpecCodec.toJson(spec),
                tensor(ModelSpec.INPUT_NAME, FLOAT, spec.windowSize(), spec.features().size()),
                tensor(ModelSpec.OUTPUT_NAME, FLOAT, spec.horizon(), spec.targets().size()));
    }

    /**
     * A model made for stateful serving that agrees with {@code spec}: {@code window [batch, steps, F]} and
     * {@code state_in [batch, rows, hidden]} in, {@code forecast [batch, H, T]} and {@code state [batch, rows, hidden]}
     * out.
     */
    static OnnxMl.ModelProto.Builder statefulModelFor(ModelSpec spec, long rows, long hidden) {
        return model(ModelSpecCodec.toJson(spec),
                List.of(symbolicSteps(ModelSpec.INPUT_NAME, FLOAT, spec.features().size()),
                        tensor(ModelSpec.STATE_INPUT_NAME, FLOAT, rows, hidden)),
                List.of(tensor(ModelSpec.OUTPUT_NAME, FLOAT, spec.horizon(), spec.targets().size()),
                        tensor(ModelSpec.STATE_OUTPUT_NAME, FLOAT, rows, hidden)));
    }

    /** A model with {@code specJson} under the spec key (none when null) and the given graph input and output. */
    static OnnxMl.ModelProto.Builder model(String specJson, OnnxMl.ValueInfoProto input,
                                           OnnxMl.ValueInfoProto output) {
        return model(specJson, List.of(input), List.of(output));
    }

    /** As {@link #model(String, OnnxMl.ValueInfoProto, OnnxMl.ValueInfoProto)}, with any graph inputs and outputs. */
    static OnnxMl.ModelProto.Builder model(String specJson, List<OnnxMl.ValueInfoProto> inputs,
                                           List<OnnxMl.ValueInfoProto> outputs) {
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder()
                .setName("vigil-test")
                .addNode(OnnxMl.NodeProto.newBuilder()
                        .setName("stand_in").setOpType("Identity")
                        .addInput(inputs.get(0).getName()).addOutput(outputs.get(0).getName()))
                .addAllInput(inputs)
                .addAllOutput(outputs)
                .build();
        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("vigil-test")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .addMetadataProps(entry("author", "someone"))
                .setGraph(graph);
        if (specJson != null) {
            model.addMetadataProps(entry(ModelSpec.METADATA_KEY, specJson));
        }
        return model;
    }

    /** A value info {@code name} of {@code elemType} shaped {@code [batch, dims...]} with a symbolic batch axis. */
    static OnnxMl.ValueInfoProto tensor(String name, int elemType, long... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (long d : dims) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return valueInfo(name, elemType, shape);
    }

    /** A value info {@code name} shaped {@code [batch, steps, features]}: batch and steps both symbolic. */
    static OnnxMl.ValueInfoProto symbolicSteps(String name, int elemType, long features) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("steps"))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(features));
        return valueInfo(name, elemType, shape);
    }

    /** A value info with exactly the given dims, every one fixed (no symbolic batch axis). */
    static OnnxMl.ValueInfoProto fixedTensor(String name, int elemType, long... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return valueInfo(name, elemType, shape);
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, int elemType, OnnxMl.TensorShapeProto.Builder shape) {
        return OnnxMl.ValueInfoProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(
                        OnnxMl.TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape)))
                .build();
    }

    private static OnnxMl.StringStringEntryProto entry(String key, String value) {
        return OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
