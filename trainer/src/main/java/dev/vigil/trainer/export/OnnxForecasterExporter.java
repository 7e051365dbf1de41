package dev.vigil.trainer.export;

import ai.onnx.proto.OnnxMl;
import dev.vigil.spec.ModelSpec;
import dev.vigil.spec.ModelSpecCodec;

import java.util.Arrays;

/**
 * Writes the trained forecaster as one self-contained ONNX model: the LSTM, the dense head, the output-feedback
 * loop and the {@link ModelSpec} (as JSON metadata) travel together, so the streamer needs nothing but the file.
 *
 * <p>The model uses the default ONNX domain at opset {@value #OPSET} and IR version {@value #IR_VERSION}, a
 * combination every current ONNX Runtime reads. Its inputs and outputs are the ones
 * {@link dev.vigil.spec.OnnxModelSpecReader} checks, FLOAT, with dynamic batch and steps axes:
 * {@code window [batch, steps, F]} and {@code state_in [batch, 2L, hidden]} in, {@code forecast [batch, H, T]} and
 * {@code state [batch, 2L, hidden]} out. The graph computes exactly what {@link ReferenceForecaster} does; check an
 * export with {@link ExportVerifier} before shipping it.
 */
public final class OnnxForecasterExporter {

    /** Opset of the default ONNX domain the graph is written against. */
    public static final int OPSET = 17;

    /** ONNX IR version of the written model. */
    public static final int IR_VERSION = 8;

    /** The model's producer name. */
    public static final String PRODUCER = "vigil";

    private OnnxForecasterExporter() {
    }

    /**
     * @param w    the trained parameters
     * @param spec the spec to embed; its window, horizon, feature count and target positions must match {@code w}
     * @return the serialized ONNX {@code ModelProto}
     * @throws IllegalArgumentException when the weights are inconsistent or disagree with the spec
     * @throws dev.vigil.spec.InvalidModelSpecException when the spec breaks one of its own rules
     */
    public static byte[] export(ForecasterWeights w, ModelSpec spec) {
        WeightShapes.check(w);
        spec.validate();
        requireAgreement(w, spec);
        String producerVersion = spec.provenance().vigilVersion() == null ? "" : spec.provenance().vigilVersion();
        OnnxMl.ModelProto model = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName(PRODUCER)
                .setProducerVersion(producerVersion)
                .setDomain("dev.vigil")
                .setModelVersion(ModelSpec.FORMAT_VERSION)
                .setDocString(docString(w, spec))
                .setGraph(ForecasterGraphBuilder.build(w))
                .addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder()
                        .setKey(ModelSpec.METADATA_KEY)
                        .setValue(ModelSpecCodec.toJson(spec)))
                .build();
        return model.toByteArray();
    }

    /** The spec is what the streamer trusts, so a spec that describes other weights must never be written. */
    private static void requireAgreement(ForecasterWeights w, ModelSpec spec) {
        if (spec.windowSize() != w.windowSize()) {
            throw mismatch("windowSize", spec.windowSize(), w.windowSize());
        }
        if (spec.horizon() != w.horizon()) {
            throw mismatch("horizon", spec.horizon(), w.horizon());
        }
        if (spec.features().size() != w.inputSize()) {
            throw mismatch("features (count)", spec.features().size(), w.inputSize());
        }
        if (!Arrays.equals(spec.targetIndices(), w.targetIndices())) {
            throw mismatch("targets (indices among features)", Arrays.toString(spec.targetIndices()),
                    Arrays.toString(w.targetIndices()));
        }
    }

    private static IllegalArgumentException mismatch(String field, Object inSpec, Object inWeights) {
        return new IllegalArgumentException("model spec " + field + " is " + inSpec
                + " but the weights were trained with " + inWeights + ": expected them to agree");
    }

    private static String docString(ForecasterWeights w, ModelSpec spec) {
        return "Vigil LSTM forecaster (" + w.layers().size() + " layer(s), hidden " + w.hiddenSize()
                + "): reads window [batch, " + w.windowSize() + ", " + w.inputSize() + "] " + spec.features()
                + ", scaled " + spec.scaling().scheme() + "; forecasts [batch, " + w.horizon() + ", "
                + w.targets() + "] " + spec.targets() + " by output feedback. Takes and returns the LSTM state [batch, "
                + 2 * w.layers().size() + ", " + w.hiddenSize() + "] (each layer's h, then each layer's c; zeros "
                + "before a whole window), so it can also be fed one step at a time. The full spec is in metadata '"
                + ModelSpec.METADATA_KEY + "'.";
    }
}
