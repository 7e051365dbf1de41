package dev.vigil.spec;

import ai.onnx.proto.OnnxMl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads the {@link ModelSpec} from an ONNX file's metadata and checks that the graph's input and output agree with
 * it, so a broken model is refused at load time with "expected X, found Y" rather than on the first record.
 */
public final class OnnxModelSpecReader {

    private OnnxModelSpecReader() {
    }

    public static ModelSpec read(Path onnxFile) {
        OnnxMl.ModelProto model;
        try (InputStream in = Files.newInputStream(onnxFile)) {
            if (Files.size(onnxFile) == 0) {
                throw new InvalidModelSpecException("model file " + onnxFile + " is empty");
            }
            model = OnnxMl.ModelProto.parseFrom(in);
        } catch (NoSuchFileException e) {
            throw new InvalidModelSpecException("model file " + onnxFile + " does not exist");
        } catch (IOException e) {
            throw new InvalidModelSpecException("model file " + onnxFile + " is not a readable ONNX model: "
                    + e.getMessage(), e);
        }
        return read(model, onnxFile.toString());
    }

    public static ModelSpec read(byte[] onnxBytes, String origin) {
        try {
            return read(OnnxMl.ModelProto.parseFrom(onnxBytes), origin);
        } catch (IOException e) {
            throw new InvalidModelSpecException("model " + origin + " is not a readable ONNX model: "
                    + e.getMessage(), e);
        }
    }

    static ModelSpec read(OnnxMl.ModelProto model, String origin) {
        String json = model.getMetadataPropsList().stream()
                .filter(p -> ModelSpec.METADATA_KEY.equals(p.getKey()))
                .map(OnnxMl.StringStringEntryProto::getValue)
                .findFirst()
                .orElseThrow(() -> new InvalidModelSpecException("model " + origin + " has no '"
                        + ModelSpec.METADATA_KEY + "' metadata: it was not exported by the Vigil trainer"));
        ModelSpec spec;
        try {
            spec = ModelSpecCodec.fromJson(json);
        } catch (InvalidModelSpecException e) {
            throw new InvalidModelSpecException("model " + origin + ": " + e.getMessage(), e);
        }
        OnnxMl.GraphProto graph = model.getGraph();
        checkTensor(origin, "input", graph.getInputList(), ModelSpec.INPUT_NAME,
                List.of(-1L, (long) spec.windowSize(), (long) spec.features().size()));
        checkTensor(origin, "output", graph.getOutputList(), ModelSpec.OUTPUT_NAME,
                List.of(-1L, (long) spec.horizon(), (long) spec.targets().size()));
        return spec;
    }

    /** Expected dims use -1 for the dynamic batch axis. */
    private static void checkTensor(String origin, String kind, List<OnnxMl.ValueInfoProto> values, String name,
                                    List<Long> expectedDims) {
        OnnxMl.ValueInfoProto value = values.stream()
                .filter(v -> v.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new InvalidModelSpecException("model " + origin + ": expected graph " + kind
                        + " '" + name + "', found " + values.stream().map(OnnxMl.ValueInfoProto::getName).toList()));
        OnnxMl.TypeProto.Tensor tensor = value.getType().getTensorType();
        if (tensor.getElemType() != OnnxMl.TensorProto.DataType.FLOAT.getNumber()) {
            OnnxMl.TensorProto.DataType found = OnnxMl.TensorProto.DataType.forNumber(tensor.getElemType());
            throw new InvalidModelSpecException("model " + origin + ": graph " + kind + " '" + name
                    + "' expected element type FLOAT, found " + (found == null ? tensor.getElemType() : found));
        }
        List<Long> dims = tensor.getShape().getDimList().stream()
                .map(d -> d.hasDimValue() ? d.getDimValue() : -1L)
                .toList();
        if (!dims.equals(expectedDims)) {
            throw new InvalidModelSpecException("model " + origin + ": graph " + kind + " '" + name
                    + "' expected shape " + expectedDims + " (batch, spec), found " + dims);
        }
    }
}
