package dev.vigil.streamer.inference;

import ai.onnx.proto.OnnxMl;
import dev.vigil.spec.ModelSpec;
import dev.vigil.spec.ModelSpecCodec;
import dev.vigil.spec.Provenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.UnaryOperator;

/** Other versions of the golden model, made by rewriting the spec in its metadata: same graph, new bytes. */
public final class ModelVariants {

    private ModelVariants() {
    }

    /** The golden model as if re-exported later: compatible, with another version id. */
    public static byte[] retrained(String createdAt) {
        return withSpec(spec -> new ModelSpec(spec.formatVersion(), spec.features(), spec.targets(),
                spec.windowSize(), spec.horizon(), spec.stepMillis(), spec.scaling(), spec.thresholds(),
                new Provenance(spec.provenance().vigilVersion(), spec.provenance().gitCommit(), createdAt,
                        spec.provenance().data(), spec.provenance().hyperparameters(), spec.provenance().epochsRun(),
                        spec.provenance().bestEpoch(), spec.provenance().testMetrics())));
    }

    /** A valid model for another step interval: it cannot take over the series' state. */
    public static byte[] otherStep() {
        return withSpec(spec -> new ModelSpec(spec.formatVersion(), spec.features(), spec.targets(),
                spec.windowSize(), spec.horizon(), spec.stepMillis() * 5, spec.scaling(), spec.thresholds(),
                spec.provenance()));
    }

    static byte[] withSpec(UnaryOperator<ModelSpec> change) {
        try {
            OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(GoldenModel.modelBytes());
            OnnxMl.ModelProto.Builder builder = model.toBuilder();
            for (int i = 0; i < builder.getMetadataPropsCount(); i++) {
                OnnxMl.StringStringEntryProto prop = builder.getMetadataProps(i);
                if (prop.getKey().equals(ModelSpec.METADATA_KEY)) {
                    ModelSpec changed = change.apply(ModelSpecCodec.fromJson(prop.getValue()));
                    builder.setMetadataProps(i, prop.toBuilder().setValue(ModelSpecCodec.toJson(changed)));
                }
            }
            return builder.build().toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
