package dev.vigil.streamer.inference;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The committed golden model and its expected forecasts, from the test-support module's resources. */
public final class GoldenModel {

    static final String MODEL_RESOURCE = "/golden/model.onnx";
    static final String CASES_RESOURCE = "/golden/cases.json";

    /** One held-out window: the scaled input the model receives and the scaled forecast it must return. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Case(String series, float[][] scaledInput, float[][] scaledForecast, float[][] state) {

        float[] window() {
            return flatten(scaledInput);
        }

        float[] expected() {
            return flatten(scaledForecast);
        }

        /** The LSTM state after the window, {@code [2 * layers][hidden]}: hidden rows then cell rows. */
        float[] expectedState() {
            return flatten(state);
        }
    }

    private GoldenModel() {
    }

    public static byte[] modelBytes() {
        try (InputStream in = resource(MODEL_RESOURCE)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the model into {@code dir}, since {@link OnnxModel#load} reads files, not resources. */
    static Path copyTo(Path dir) {
        try {
            return Files.write(dir.resolve("model.onnx"), modelBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Case> cases() {
        try (InputStream in = resource(CASES_RESOURCE)) {
            return new ObjectMapper().readValue(in, new TypeReference<List<Case>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All cases' windows, row-major {@code [cases][W][F]}. */
    static float[] windows(List<Case> cases) {
        return concat(cases.stream().map(Case::window).toList());
    }

    /** All cases' expected forecasts, row-major {@code [cases][H][T]}. */
    static float[] expected(List<Case> cases) {
        return concat(cases.stream().map(Case::expected).toList());
    }

    static float[] flatten(float[][] rows) {
        return concat(List.of(rows));
    }

    private static float[] concat(List<float[]> parts) {
        float[] all = new float[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static InputStream resource(String name) {
        InputStream in = GoldenModel.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("test resource " + name + " is missing: is vigil-test-support a test"
                    + " dependency?");
        }
        return in;
    }
}
