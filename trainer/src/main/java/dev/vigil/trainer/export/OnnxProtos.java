package dev.vigil.trainer.export;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Small factories for the ONNX protobuf messages the exporter needs, so the graph builder reads as a list of ops
 * rather than as protobuf plumbing.
 */
final class OnnxProtos {

    /** Name of the dynamic batch axis on the graph's input and output. */
    static final String BATCH_DIM = "batch";

    /** Name of the dynamic steps axis of the window input: W in window mode, typically 1 when serving with state. */
    static final String STEPS_DIM = "steps";

    private OnnxProtos() {
    }

    static OnnxMl.NodeProto node(String opType, String name, List<String> inputs, List<String> outputs,
                                 OnnxMl.AttributeProto... attributes) {
        return OnnxMl.NodeProto.newBuilder()
                .setOpType(opType)
                .setName(name)
                .addAllInput(inputs)
                .addAllOutput(outputs)
                .addAllAttribute(List.of(attributes))
                .build();
    }

    static OnnxMl.AttributeProto intAttribute(String name, long value) {
        return OnnxMl.AttributeProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INT)
                .setI(value)
                .build();
    }

    static OnnxMl.AttributeProto intsAttribute(String name, long... values) {
        OnnxMl.AttributeProto.Builder attribute = OnnxMl.AttributeProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INTS);
        for (long value : values) {
            attribute.addInts(value);
        }
        return attribute.build();
    }

    /** A FLOAT initializer stored as little-endian raw data, the compact form every ONNX reader accepts. */
    static OnnxMl.TensorProto floatTensor(String name, float[] values, long... dims) {
        requireElements(name, values.length, dims);
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return tensor(name, OnnxMl.TensorProto.DataType.FLOAT, bytes, dims);
    }

    /** An INT64 initializer, as Slice and Squeeze take their indices since opset 13. */
    static OnnxMl.TensorProto longTensor(String name, long[] values, long... dims) {
        requireElements(name, values.length, dims);
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return tensor(name, OnnxMl.TensorProto.DataType.INT64, bytes, dims);
    }

    /** A FLOAT graph input or output of shape {@code [batch, dims...]} with the batch axis left dynamic. */
    static OnnxMl.ValueInfoProto batchedFloat(String name, long... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder().addDim(symbolic(BATCH_DIM));
        for (long dim : dims) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
        }
        return floatValue(name, shape);
    }

    /** A FLOAT graph input of shape {@code [batch, steps, features]}: any batch size and any number of steps. */
    static OnnxMl.ValueInfoProto batchedSteps(String name, long features) {
        return floatValue(name, OnnxMl.TensorShapeProto.newBuilder()
                .addDim(symbolic(BATCH_DIM))
                .addDim(symbolic(STEPS_DIM))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(features)));
    }

    private static OnnxMl.TensorShapeProto.Dimension.Builder symbolic(String name) {
        return OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam(name);
    }

    private static OnnxMl.ValueInfoProto floatValue(String name, OnnxMl.TensorShapeProto.Builder shape) {
        OnnxMl.TypeProto.Tensor tensor = OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                .setShape(shape)
                .build();
        return OnnxMl.ValueInfoProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(tensor))
                .build();
    }

    private static OnnxMl.TensorProto tensor(String name, OnnxMl.TensorProto.DataType type, ByteBuffer bytes,
                                             long... dims) {
        OnnxMl.TensorProto.Builder tensor = OnnxMl.TensorProto.newBuilder()
                .setName(name)
                .setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        return tensor.build();
    }

    private static void requireElements(String name, int elements, long... dims) {
        long expected = 1;
        for (long dim : dims) {
            expected *= dim;
        }
        if (expected != elements) {
            throw new IllegalStateException("initializer " + name + ": expected " + expected + " elements, found "
                    + elements);
        }
    }
}
