package dev.vigil.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static dev.vigil.spec.OnnxModelFixtures.DOUBLE;
import static dev.vigil.spec.OnnxModelFixtures.FLOAT;
import static dev.vigil.spec.OnnxModelFixtures.fixedTensor;
import static dev.vigil.spec.OnnxModelFixtures.model;
import static dev.vigil.spec.OnnxModelFixtures.modelFor;
import static dev.vigil.spec.OnnxModelFixtures.tensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading the spec from ONNX metadata and checking the graph's signature against it at load time. The fixture spec
 * has W = 16, F = 3, H = 3, T = 2, so the graph must be {@code window [batch, 16, 3] -> forecast [batch, 3, 2]}.
 */
class OnnxModelSpecReaderTest {

    private static final String ORIGIN = "test model";
    private static final ModelSpec SPEC = ModelSpecFixtures.valid();
    private static final String JSON = ModelSpecCodec.toJson(SPEC);
    private static final String INPUT = ModelSpec.INPUT_NAME;
    private static final String OUTPUT = ModelSpec.OUTPUT_NAME;
    private static final String WINDOW_EXPECTED =
            "graph input 'window' expected shape [-1, 16, 3] (batch, spec; the steps may also be symbolic), ";

    @TempDir
    Path dir;

    @Test
    void readsTheSpecFromBytes() {
        ModelSpec read = OnnxModelSpecReader.read(modelFor(SPEC).build().toByteArray(), ORIGIN);

        assertSpecIsTheFixture(read);
    }

    @Test
    void readsTheSpecFromAFile() throws IOException {
        Path file = Files.write(dir.resolve("model.onnx"), modelFor(SPEC).build().toByteArray());

        assertSpecIsTheFixture(OnnxModelSpecReader.read(file));
    }

    @Test
    void aModelWithoutSpecMetadataWasNotExportedByVigil() {
        byte[] onnx = model(null, tensor(INPUT, FLOAT, 16, 3), tensor(OUTPUT, FLOAT, 3, 2))
                .build().toByteArray();

        assertRefused(onnx, "model test model has no 'vigil.spec' metadata", "not exported by the Vigil trainer");
    }

    @Test
    void specMetadataThatIsNotJsonIsRefusedWithTheOrigin() {
        byte[] onnx = model("{\"formatVersion\": 1,", tensor(INPUT, FLOAT, 16, 3),
                tensor(OUTPUT, FLOAT, 3, 2)).build().toByteArray();

        assertRefused(onnx, "model test model: model spec is not valid JSON");
    }

    @Test
    void specMetadataThatBreaksARuleIsRefusedWithTheOrigin() {
        String badSpec = ModelSpecCodec.toJson(ModelSpecFixtures.builder().stepMillis(0).build());
        byte[] onnx = model(badSpec, tensor(INPUT, FLOAT, 16, 3), tensor(OUTPUT, FLOAT, 3, 2))
                .build().toByteArray();

        assertRefused(onnx, "model test model: model spec field 'stepMillis': found 0");
    }

    @Test
    void anInputNamedOtherwiseIsRefused() {
        byte[] onnx = model(JSON, tensor("input", FLOAT, 16, 3), tensor(OUTPUT, FLOAT, 3, 2))
                .build().toByteArray();

        assertRefused(onnx, "model test model: expected graph input 'window', found [input]");
    }

    @Test
    void anOutputNamedOtherwiseIsRefused() {
        byte[] onnx = model(JSON, tensor(INPUT, FLOAT, 16, 3), tensor("output", FLOAT, 3, 2))
                .build().toByteArray();

        assertRefused(onnx, "model test model: expected graph output 'forecast', found [output]");
    }

    @Test
    void anInputWindowOfAnotherLengthShowsBothShapes() {
        byte[] onnx = model(JSON, tensor(INPUT, FLOAT, 8, 3), tensor(OUTPUT, FLOAT, 3, 2))
                .build().toByteArray();

        assertRefused(onnx, WINDOW_EXPECTED + "found [-1, 8, 3]");
    }

    @Test
    void anOutputWithAnotherTargetCountShowsBothShapes() {
        byte[] onnx = model(JSON, tensor(INPUT, FLOAT, 16, 3), tensor(OUTPUT, FLOAT, 3, 1))
                .build().toByteArray();

        assertRefused(onnx, "graph output 'forecast' expected shape [-1, 3, 2] (batch, spec), found [-1, 3, 1]");
    }

    @Test
    void aFixedBatchAxisIsRefusedBecauseTheStreamerBatches() {
        byte[] onnx = model(JSON, fixedTensor(INPUT, FLOAT, 1, 16, 3),
                tensor(OUTPUT, FLOAT, 3, 2)).build().toByteArray();

        assertRefused(onnx, WINDOW_EXPECTED + "found [1, 16, 3]");
    }

    @Test
    void aMissingBatchAxisIsRefused() {
        byte[] onnx = model(JSON, fixedTensor(INPUT, FLOAT, 16, 3),
                tensor(OUTPUT, FLOAT, 3, 2)).build().toByteArray();

        assertRefused(onnx, WINDOW_EXPECTED + "found [16, 3]");
    }

    @Test
    void anInputOfAnotherElementTypeIsRefused() {
        byte[] onnx = model(JSON, tensor(INPUT, DOUBLE, 16, 3), tensor(OUTPUT, FLOAT, 3, 2))
                .build().toByteArray();

        assertRefused(onnx, "model test model: graph input 'window' expected element type FLOAT, found");
    }

    @Test
    void anOutputOfAnotherElementTypeIsRefused() {
        byte[] onnx = model(JSON, tensor(INPUT, FLOAT, 16, 3), tensor(OUTPUT, DOUBLE, 3, 2))
                .build().toByteArray();

        assertRefused(onnx, "model test model: graph output 'forecast' expected element type FLOAT, found");
    }

    @Test
    void aFileThatDoesNotExistIsNamed() {
        Path missing = dir.resolve("missing.onnx");

        InvalidModelSpecException e = assertThrows(InvalidModelSpecException.class,
                () -> OnnxModelSpecReader.read(missing), "reading " + missing);
        assertContains(e.getMessage(), "model file " + missing + " does not exist");
    }

    @Test
    void aFileOfRandomBytesIsNotAReadableOnnxModel() throws IOException {
        Path file = Files.write(dir.resolve("noise.onnx"), randomBytes());

        InvalidModelSpecException e = assertThrows(InvalidModelSpecException.class,
                () -> OnnxModelSpecReader.read(file), "reading random bytes from " + file);
        assertContains(e.getMessage(), "model file " + file + " is not a readable ONNX model");
    }

    @Test
    void randomBytesAreNotAReadableOnnxModel() {
        assertRefused(randomBytes(), "model test model is not a readable ONNX model");
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[512];
        new Random(20_260_131L).nextBytes(bytes);
        return bytes;
    }

    private static void assertSpecIsTheFixture(ModelSpec read) {
        assertEquals(SPEC.features(), read.features(), "features read from metadata");
        assertEquals(SPEC.targets(), read.targets(), "targets read from metadata");
        assertEquals(SPEC.windowSize(), read.windowSize(), "windowSize read from metadata");
        assertEquals(SPEC.horizon(), read.horizon(), "horizon read from metadata");
        assertEquals(SPEC.scaling(), read.scaling(), "scaling read from metadata");
        assertArrayEquals(SPEC.thresholds().absError(), read.thresholds().absError(), "thresholds from metadata");
        assertEquals(SPEC.provenance(), read.provenance(), "provenance read from metadata");
    }

    private static void assertRefused(byte[] onnx, String... parts) {
        InvalidModelSpecException e = assertThrows(InvalidModelSpecException.class,
                () -> OnnxModelSpecReader.read(onnx, ORIGIN), "the reader must refuse: " + String.join(" / ", parts));
        assertContains(e.getMessage(), parts);
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "message must contain <" + part + ">; was <" + message + ">");
        }
    }
}
