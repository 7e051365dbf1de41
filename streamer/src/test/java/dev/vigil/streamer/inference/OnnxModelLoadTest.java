package dev.vigil.streamer.inference;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.vigil.spec.InvalidModelSpecException;
import dev.vigil.spec.ModelSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** What {@link OnnxModel#load} refuses, and how it picks an execution provider. */
class OnnxModelLoadTest {

    @TempDir
    Path dir;

    @Test
    void refusesMissingFile() {
        Path missing = dir.resolve("nope.onnx");
        InvalidModelSpecException e = assertThrows(InvalidModelSpecException.class,
                () -> OnnxModel.load(missing, InferenceOptions.defaults()));
        assertEquals("model file " + missing + " does not exist", e.getMessage());
    }

    @Test
    void refusesEmptyAndNonOnnxFiles() throws Exception {
        Path empty = Files.write(dir.resolve("empty.onnx"), new byte[0]);
        assertEquals("model file " + empty + " is empty", assertThrows(InvalidModelSpecException.class,
                () -> OnnxModel.load(empty, InferenceOptions.defaults())).getMessage());

        Path text = Files.writeString(dir.resolve("notes.onnx"), "this is not an ONNX model\n");
        InvalidModelSpecException e = assertThrows(InvalidModelSpecException.class,
                () -> OnnxModel.load(text, InferenceOptions.defaults()));
        assertTrue(e.getMessage().startsWith("model " + text + " is not a readable ONNX model"), e.getMessage());
    }

    @Test
    void refusesOnnxWithoutVigilMetadata() throws Exception {
        Path plain = write("plain.onnx", golden().toBuilder().clearMetadataProps().build());
        InvalidModelSpecException e = assertThrows(InvalidModelSpecException.class,
                () -> OnnxModel.load(plain, InferenceOptions.defaults()));
        assertEquals("model " + plain + " has no '" + ModelSpec.METADATA_KEY
                + "' metadata: it was not exported by the Vigil trainer", e.getMessage());
    }

    @Test
    void refusesSessionWithAnUnknownInput() throws Exception {
        OnnxMl.ModelProto.Builder model = golden().toBuilder();
        OnnxMl.TypeProto.Tensor.Builder tensor = OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                .setShape(OnnxMl.TensorShapeProto.newBuilder()
                        .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(1)));
        model.getGraphBuilder().addInput(OnnxMl.ValueInfoProto.newBuilder().setName("extra")
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(tensor)));
        Path twoInputs = write("two-inputs.onnx", model.build());
        InvalidModelSpecException e = assertThrows(InvalidModelSpecException.class,
                () -> OnnxModel.load(twoInputs, InferenceOptions.defaults()));
        assertTrue(e.getMessage().startsWith("model " + twoInputs + ": expected session inputs ["),
                e.getMessage());
        assertTrue(e.getMessage().contains("extra"), e.getMessage());
    }

    @Test
    void cudaFallsBackToCpuWhenUnavailable() {
        assumeCudaUnavailable();
        try (OnnxModel model = OnnxModel.load(GoldenModel.copyTo(dir),
                new InferenceOptions(ExecutionProvider.CUDA, true, 1))) {
            assertEquals(ExecutionProvider.CPU, model.executionProvider());
            GoldenModel.Case first = GoldenModel.cases().get(0);
            assertArrayEquals(first.expected(), model.forecast(first.window(), 1), 1e-5f);
        }
    }

    @Test
    void cudaWithoutFallbackRefusesToLoad() {
        assumeCudaUnavailable();
        Path path = GoldenModel.copyTo(dir);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OnnxModel.load(path, new InferenceOptions(ExecutionProvider.CUDA, false, 1)));
        assertTrue(e.getMessage().startsWith("CUDA execution provider requested for model " + path
                + " but not available ("), e.getMessage());
        assertTrue(e.getMessage().contains("CUDA fallback is disabled"), e.getMessage());
    }

    @Test
    void runsWithSeveralIntraOpThreads() {
        try (OnnxModel model = OnnxModel.load(GoldenModel.copyTo(dir),
                new InferenceOptions(ExecutionProvider.CPU, true, 2))) {
            GoldenModel.Case first = GoldenModel.cases().get(0);
            assertArrayEquals(first.expected(), model.forecast(first.window(), 1), 1e-5f);
        }
    }

    private static void assumeCudaUnavailable() {
        assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA),
                "this ONNX Runtime build has CUDA; the fallback tests need one without it");
    }

    private static OnnxMl.ModelProto golden() throws Exception {
        return OnnxMl.ModelProto.parseFrom(GoldenModel.modelBytes());
    }

    private Path write(String name, OnnxMl.ModelProto model) throws Exception {
        return Files.write(dir.resolve(name), model.toByteArray());
    }
}
