package dev.vigil.trainer.export;

import ai.onnx.proto.OnnxMl;
import dev.vigil.spec.ModelSpec;
import dev.vigil.spec.ModelSpecCodec;
import dev.vigil.spec.OnnxModelSpecReader;
import dev.vigil.trainer.export.ForecasterFixtures.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exported graph computes what {@link ReferenceForecaster} computes, and carries a readable spec. */
class OnnxForecasterExporterTest {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxForecasterExporterTest.class);
    private static final double TOLERANCE = 1e-5;

    static Stream<Shape> shapes() {
        return Stream.of(
                new Shape("univariate, 1 layer", 1, 8, 1, new int[] {0}, 12, 3),
                new Shape("univariate, 2 layers", 1, 6, 2, new int[] {0}, 10, 4),
                new Shape("multivariate, all targets", 3, 16, 1, new int[] {0, 1, 2}, 16, 5),
                new Shape("multivariate, target subset", 3, 8, 2, new int[] {0, 2}, 8, 3),
                new Shape("targets out of feature order, 3 layers", 4, 5, 3, new int[] {3, 1}, 6, 6),
                new Shape("single step", 2, 4, 1, new int[] {1}, 4, 1),
                new Shape("production size", 2, 64, 2, new int[] {0, 1}, 64, 8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void onnxRuntimeMatchesReferenceForecaster(Shape shape) {
        ForecasterWeights w = ForecasterFixtures.randomWeights(shape, 17, 2.0);
        byte[] onnx = OnnxForecasterExporter.export(w, ForecasterFixtures.specFor(w));
        for (int batch : new int[] {1, 9}) {
            float[] windows = ForecasterFixtures.randomWindows(shape, batch, 100 + batch);
            StatefulForecast expected = ReferenceForecaster.forecast(w, windows, batch, shape.window(),
                    ReferenceForecaster.zeroState(w, batch));
            ParityReport report = ExportVerifier.verify(onnx, windows, batch, expected.forecast(), expected.state(),
                    TOLERANCE);
            LOG.info("{}, batch {}: max abs diff {}, state {}, stepping {}", shape, batch, report.maxAbsDiff(),
                    report.maxStateAbsDiff(), report.maxSteppedAbsDiff());
            assertEquals(batch, report.windows());
            assertEquals(batch * shape.horizon() * shape.targets().length, report.valuesCompared());
            assertEquals(batch * 2 * shape.layers() * shape.hidden(), report.stateValuesCompared());
            assertTrue(report.maxAbsDiff() <= TOLERANCE, () -> "max abs diff " + report.maxAbsDiff());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void specReadsBackWithMatchingDims(Shape shape) {
        ForecasterWeights w = ForecasterFixtures.randomWeights(shape, 3, 1.0);
        ModelSpec spec = ForecasterFixtures.specFor(w);

        ModelSpec read = OnnxModelSpecReader.read(OnnxForecasterExporter.export(w, spec), "test export");

        assertEquals(ModelSpecCodec.toJson(spec), ModelSpecCodec.toJson(read));
        assertEquals(shape.window(), read.windowSize());
        assertEquals(shape.horizon(), read.horizon());
        assertEquals(shape.features(), read.features().size());
        assertEquals(shape.targets().length, read.targets().size());
    }

    @Test
    void writesStandardOpsAtOpset17WithSharedLstmWeights() throws Exception {
        Shape shape = new Shape("multivariate, target subset", 3, 8, 2, new int[] {0, 2}, 8, 3);
        ForecasterWeights w = ForecasterFixtures.randomWeights(shape, 5, 1.0);

        OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(
                OnnxForecasterExporter.export(w, ForecasterFixtures.specFor(w)));

        assertEquals(8, model.getIrVersion());
        assertEquals("vigil", model.getProducerName());
        assertEquals(1, model.getOpsetImportCount());
        assertEquals("", model.getOpsetImport(0).getDomain());
        assertEquals(17, model.getOpsetImport(0).getVersion());
        OnnxMl.GraphProto graph = model.getGraph();
        Set<String> ops = graph.getNodeList().stream().map(OnnxMl.NodeProto::getOpType).collect(Collectors.toSet());
        assertTrue(Set.of("Transpose", "Split", "LSTM", "Squeeze", "Slice", "Mul", "MatMul", "Add", "Concat")
                .containsAll(ops), () -> "unexpected ops " + ops);
        assertTrue(graph.getNodeList().stream().allMatch(n -> n.getDomain().isEmpty()));
        // one LSTM node per layer over the window, then one per layer for each of the H - 1 fed-back steps
        assertEquals(shape.layers() * shape.horizon(),
                graph.getNodeList().stream().filter(n -> n.getOpType().equals("LSTM")).count());
        // the fed-back steps reuse the window's W, R, B initializers
        assertEquals(shape.layers(),
                graph.getInitializerList().stream().filter(t -> t.getName().endsWith("_W")).count());
    }

    /** Window mode feeds W steps and stateful serving 1, so steps is symbolic; the state has a row per h and c. */
    @Test
    void declaresTheWindowWithSymbolicStepsAndTheStatePair() throws Exception {
        Shape shape = new Shape("multivariate, target subset", 3, 8, 2, new int[] {0, 2}, 8, 3);
        ForecasterWeights w = ForecasterFixtures.randomWeights(shape, 5, 1.0);

        OnnxMl.GraphProto graph = OnnxMl.ModelProto.parseFrom(
                OnnxForecasterExporter.export(w, ForecasterFixtures.specFor(w))).getGraph();

        assertEquals(List.of("window", "state_in"), names(graph.getInputList()), "graph inputs");
        assertEquals(List.of("forecast", "state"), names(graph.getOutputList()), "graph outputs");
        assertEquals(List.of("batch", "steps", "3"), dims(graph.getInput(0)), "window dims");
        assertEquals(List.of("batch", "4", "8"), dims(graph.getInput(1)), "state_in dims: [batch, 2 * layers, hidden]");
        assertEquals(List.of("batch", "3", "2"), dims(graph.getOutput(0)), "forecast dims");
        assertEquals(List.of("batch", "4", "8"), dims(graph.getOutput(1)), "state dims: as state_in");
    }

    private static List<String> names(List<OnnxMl.ValueInfoProto> values) {
        return values.stream().map(OnnxMl.ValueInfoProto::getName).toList();
    }

    private static List<String> dims(OnnxMl.ValueInfoProto value) {
        return value.getType().getTensorType().getShape().getDimList().stream()
                .map(d -> d.hasDimParam() ? d.getDimParam() : Long.toString(d.getDimValue()))
                .toList();
    }

    /** ONNX Runtime warns on every session load about unused initializers, so the exporter must write none. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void everyInitializerIsUsed(Shape shape) throws Exception {
        ForecasterWeights w = ForecasterFixtures.randomWeights(shape, 9, 1.0);

        OnnxMl.GraphProto graph = OnnxMl.ModelProto.parseFrom(
                OnnxForecasterExporter.export(w, ForecasterFixtures.specFor(w))).getGraph();

        Set<String> consumed = graph.getNodeList().stream().flatMap(n -> n.getInputList().stream())
                .collect(Collectors.toSet());
        for (OnnxMl.TensorProto initializer : graph.getInitializerList()) {
            assertTrue(consumed.contains(initializer.getName()), () -> "unused " + initializer.getName());
        }
    }

    @Test
    void refusesSpecThatDescribesOtherWeights() {
        Shape shape = new Shape("univariate", 1, 4, 1, new int[] {0}, 6, 2);
        ForecasterWeights w = ForecasterFixtures.randomWeights(shape, 1, 1.0);
        ModelSpec spec = ForecasterFixtures.specFor(
                ForecasterFixtures.randomWeights(new Shape("longer", 1, 4, 1, new int[] {0}, 7, 2), 1, 1.0));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxForecasterExporter.export(w, spec));

        assertTrue(e.getMessage().contains("windowSize is 7 but the weights were trained with 6"), e::getMessage);
    }

    @Test
    void refusesWeightsOfTheWrongSize() {
        Shape shape = new Shape("univariate", 1, 4, 1, new int[] {0}, 6, 2);
        ForecasterWeights good = ForecasterFixtures.randomWeights(shape, 1, 1.0);
        ForecasterWeights bad = new ForecasterWeights(1, 4, new int[] {0}, 6, 2, good.layers(), new float[3],
                good.denseBias());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxForecasterExporter.export(bad, ForecasterFixtures.specFor(good)));

        assertTrue(e.getMessage().contains("denseWeight: expected 4 floats [targets][hidden], found 3"),
                e::getMessage);
    }
}
