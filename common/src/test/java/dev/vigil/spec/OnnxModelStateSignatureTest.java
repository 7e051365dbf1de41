package dev.vigil.spec;

import ai.onnx.proto.OnnxMl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static dev.vigil.spec.OnnxModelFixtures.DOUBLE;
import static dev.vigil.spec.OnnxModelFixtures.FLOAT;
import static dev.vigil.spec.OnnxModelFixtures.fixedTensor;
import static dev.vigil.spec.OnnxModelFixtures.model;
import static dev.vigil.spec.OnnxModelFixtures.modelFor;
import static dev.vigil.spec.OnnxModelFixtures.statefulModelFor;
import static dev.vigil.spec.OnnxModelFixtures.symbolicSteps;
import static dev.vigil.spec.OnnxModelFixtures.tensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The optional LSTM state pair of a model made for stateful serving: {@code state_in} and {@code state}, both
 * {@code [batch, 2 * layers, hidden]}, with the window's steps axis allowed to be symbolic. The fixture spec has
 * W = 16, F = 3, H = 3, T = 2; a window-only model (the format before stateful serving) must still read.
 */
class OnnxModelStateSignatureTest {

    private static final String ORIGIN = "test model";
    private static final ModelSpec SPEC = ModelSpecFixtures.valid();
    private static final String JSON = ModelSpecCodec.toJson(SPEC);
    private static final OnnxMl.ValueInfoProto WINDOW = symbolicSteps(ModelSpec.INPUT_NAME, FLOAT, 3);
    private static final OnnxMl.ValueInfoProto FORECAST = tensor(ModelSpec.OUTPUT_NAME, FLOAT, 3, 2);

    @TempDir
    Path dir;

    @Test
    void aWindowOnlyModelReadsAndHasNoState() {
        byte[] onnx = modelFor(SPEC).build().toByteArray();

        assertEquals(SPEC.windowSize(), OnnxModelSpecReader.read(onnx, ORIGIN).windowSize(), "spec of an old model");
        assertEquals(Optional.empty(), OnnxModelSpecReader.stateShape(onnx, ORIGIN), "state of a window-only model");
    }

    @Test
    void aStatefulModelReadsWithItsStateShape() {
        byte[] onnx = statefulModelFor(SPEC, 4, 8).build().toByteArray();

        assertEquals(SPEC.features(), OnnxModelSpecReader.read(onnx, ORIGIN).features(), "spec of a stateful model");
        StateShape state = OnnxModelSpecReader.stateShape(onnx, ORIGIN).orElseThrow();
        assertEquals(new StateShape(4, 8), state, "state shape from state_in");
        assertEquals(2, state.layers(), "layers: half the rows");
        assertEquals(32, state.floats(), "floats per series");
    }

    @Test
    void theStateShapeIsReadFromAFile() throws IOException {
        Path file = Files.write(dir.resolve("model.onnx"), statefulModelFor(SPEC, 2, 5).build().toByteArray());

        assertEquals(Optional.of(new StateShape(2, 5)), OnnxModelSpecReader.stateShape(file), "state of " + file);
    }

    @Test
    void aStatefulModelMayFixTheStepsAtTheWindowSize() {
        byte[] onnx = model(JSON, List.of(tensor(ModelSpec.INPUT_NAME, FLOAT, 16, 3), stateIn(2, 8)),
                List.of(FORECAST, stateOut(2, 8))).build().toByteArray();

        assertEquals(Optional.of(new StateShape(2, 8)), OnnxModelSpecReader.stateShape(onnx, ORIGIN));
    }

    @Test
    void aSymbolicStepsAxisStillNeedsTheSpecsFeatureCount() {
        byte[] onnx = model(JSON, List.of(symbolicSteps(ModelSpec.INPUT_NAME, FLOAT, 2), stateIn(2, 8)),
                List.of(FORECAST, stateOut(2, 8))).build().toByteArray();

        assertRefused(onnx, "graph input 'window' expected shape [-1, 16, 3] (batch, spec; the steps may also be "
                + "symbolic), found [-1, -1, 2]");
    }

    @Test
    void aStateInputWithoutAStateOutputIsRefused() {
        byte[] onnx = model(JSON, List.of(WINDOW, stateIn(4, 8)), List.of(FORECAST)).build().toByteArray();

        assertRefused(onnx, "model test model: graph input 'state_in' expected together with graph output 'state', "
                + "found outputs [forecast]");
    }

    @Test
    void aStateOutputWithoutAStateInputIsRefused() {
        byte[] onnx = model(JSON, List.of(WINDOW), List.of(FORECAST, stateOut(4, 8))).build().toByteArray();

        assertRefused(onnx, "model test model: graph output 'state' expected together with graph input 'state_in', "
                + "found inputs [window]");
    }

    @Test
    void anOddNumberOfStateRowsIsRefused() {
        assertStateInRefused(stateIn(3, 8), "found [-1, 3, 8]");
    }

    @Test
    void aSymbolicStateRowCountIsRefused() {
        OnnxMl.ValueInfoProto symbolicRows = symbolicSteps(ModelSpec.STATE_INPUT_NAME, FLOAT, 8);

        assertStateInRefused(symbolicRows, "found [-1, -1, 8]");
    }

    @Test
    void aZeroHiddenSizeIsRefused() {
        assertStateInRefused(stateIn(2, 0), "found [-1, 2, 0]");
    }

    @Test
    void aFixedBatchAxisOnTheStateIsRefused() {
        assertStateInRefused(fixedTensor(ModelSpec.STATE_INPUT_NAME, FLOAT, 1, 2, 8), "found [1, 2, 8]");
    }

    @Test
    void aStateOfAnotherElementTypeIsRefused() {
        byte[] onnx = model(JSON, List.of(WINDOW, tensor(ModelSpec.STATE_INPUT_NAME, DOUBLE, 2, 8)),
                List.of(FORECAST, stateOut(2, 8))).build().toByteArray();

        assertRefused(onnx, "model test model: graph input 'state_in' expected element type FLOAT, found DOUBLE");
    }

    @Test
    void aStateOutputShapedUnlikeTheStateInputIsRefused() {
        byte[] onnx = model(JSON, List.of(WINDOW, stateIn(4, 8)), List.of(FORECAST, stateOut(4, 6)))
                .build().toByteArray();

        assertRefused(onnx, "model test model: graph output 'state' expected shape [-1, 4, 8] (the shape of input "
                + "'state_in'), found [-1, 4, 6]");
    }

    @Test
    void aStateShapeMustHaveLayersAndAHiddenSize() {
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class, () -> new StateShape(3, 8));
        assertTrue(rows.getMessage().contains("expected an even number >= 2 (2 * layers), found 3"), rows::getMessage);
        IllegalArgumentException hidden = assertThrows(IllegalArgumentException.class, () -> new StateShape(2, 0));
        assertTrue(hidden.getMessage().contains("expected at least 1, found 0"), hidden::getMessage);
    }

    private static OnnxMl.ValueInfoProto stateIn(long rows, long hidden) {
        return tensor(ModelSpec.STATE_INPUT_NAME, FLOAT, rows, hidden);
    }

    private static OnnxMl.ValueInfoProto stateOut(long rows, long hidden) {
        return tensor(ModelSpec.STATE_OUTPUT_NAME, FLOAT, rows, hidden);
    }

    private static void assertStateInRefused(OnnxMl.ValueInfoProto stateIn, String found) {
        byte[] onnx = model(JSON, List.of(WINDOW, stateIn), List.of(FORECAST, stateOut(2, 8))).build().toByteArray();

        assertRefused(onnx, "model test model: graph input 'state_in' expected shape [-1, 2 * layers, hidden] "
                + "(batch, an even number >= 2 of state rows, hidden size >= 1), " + found);
    }

    /** Both entry points must refuse: a caller asking only for the state shape gets the same checks. */
    private static void assertRefused(byte[] onnx, String message) {
        InvalidModelSpecException read = assertThrows(InvalidModelSpecException.class,
                () -> OnnxModelSpecReader.read(onnx, ORIGIN), "read must refuse: " + message);
        assertTrue(read.getMessage().contains(message), "message must contain <" + message + ">; was <"
                + read.getMessage() + ">");
        InvalidModelSpecException state = assertThrows(InvalidModelSpecException.class,
                () -> OnnxModelSpecReader.stateShape(onnx, ORIGIN), "stateShape must refuse: " + message);
        assertEquals(read.getMessage(), state.getMessage(), "same message from stateShape");
    }
}
