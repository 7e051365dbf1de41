package dev.vigil.spec;

import ai.onnx.proto.OnnxMl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads the {@link ModelSpec} from an ONNX file's metadata and checks that the graph's inputs and outputs agree with
 * it, so a broken model is refused at load time with "expected X, found Y" rather than on the first record.
 *
 * <p>Every model has {@code window [batch, W, F]} in and {@code forecast [batch, H, T]} out. Models made for stateful
 * serving also have {@code state_in} and {@code state}, {@code [batch, 2 * layers, hidden]} each, and may leave the
 * window's steps axis symbolic; {@link #stateShape(Path)} tells which kind a file is. Older models without the state
 * pair read as before and can serve only in window mode.
 */
public final class OnnxModelSpecReader {

    private OnnxModelSpecReader() {
    }

    public static ModelSpec read(Path onnxFile) {
        return read(parse(onnxFile), onnxFile.toString());
    }

    public static ModelSpec read(byte[] onnxBytes, String origin) {
        return read(parse(onnxBytes, origin), origin);
    }

    /**
     * The LSTM state shape of a model that can serve statefully, after the same checks as {@link #read(Path)}.
     *
     * @return empty for a window-only model (no {@code state_in} / {@code state} pair)
     * @throws InvalidModelSpecException when the file is not a valid Vigil model
     */
    public static Optional<StateShape> stateShape(Path onnxFile) {
        return stateShape(parse(onnxFile), onnxFile.toString());
    }

    /** As {@link #stateShape(Path)}, for a model in memory; {@code origin} names it in errors. */
    public static Optional<StateShape> stateShape(byte[] onnxBytes, String origin) {
        return stateShape(parse(onnxBytes, origin), origin);
    }

    static ModelSpec read(OnnxMl.ModelProto model, String origin) {
        ModelSpec spec = spec(model, origin);
        GraphSignature.check(model.getGraph(), spec, origin);
        return spec;
    }

    private static Optional<StateShape> stateShape(OnnxMl.ModelProto model, String origin) {
        return GraphSignature.check(model.getGraph(), spec(model, origin), origin);
    }

    private static ModelSpec spec(OnnxMl.ModelProto model, String origin) {
        String json = model.getMetadataPropsList().stream()
                .filter(p -> ModelSpec.METADATA_KEY.equals(p.getKey()))
                .map(OnnxMl.StringStringEntryProto::getValue)
                .findFirst()
                .orElseThrow(() -> new InvalidModelSpecException("model " + origin + " has no '"
                        + ModelSpec.METADATA_KEY + "' metadata: it was not exported by the Vigil trainer"));
        try {
            return ModelSpecCodec.fromJson(json);
        } catch (InvalidModelSpecException e) {
            throw new InvalidModelSpecException("model " + origin + ": " + e.getMessage(), e);
        }
    }

    private static OnnxMl.ModelProto parse(Path onnxFile) {
        try (InputStream in = Files.newInputStream(onnxFile)) {
            if (Files.size(onnxFile) == 0) {
                throw new InvalidModelSpecException("model file " + onnxFile + " is empty");
            }
            return OnnxMl.ModelProto.parseFrom(in);
        } catch (NoSuchFileException e) {
            throw new InvalidModelSpecException("model file " + onnxFile + " does not exist");
        } catch (IOException e) {
            throw new InvalidModelSpecException("model file " + onnxFile + " is not a readable ONNX model: "
                    + e.getMessage(), e);
        }
    }

    private static OnnxMl.ModelProto parse(byte[] onnxBytes, String origin) {
        try {
            return OnnxMl.ModelProto.parseFrom(onnxBytes);
        } catch (IOException e) {
            throw new InvalidModelSpecException("model " + origin + " is not a readable ONNX model: "
                    + e.getMessage(), e);
        }
    }
}
