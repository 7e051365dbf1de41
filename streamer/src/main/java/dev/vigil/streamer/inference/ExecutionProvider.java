package dev.vigil.streamer.inference;

import java.util.Arrays;
import java.util.Locale;

/** Where ONNX Runtime runs the model. */
public enum ExecutionProvider {

    /** ONNX Runtime's default CPU provider; always available. */
    CPU,

    /** NVIDIA GPUs; needs the GPU build of ONNX Runtime, CUDA libraries and a visible device at run time. */
    CUDA;

    /** The lower-case name used in configuration, logs and metric tags: {@code cpu} or {@code cuda}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a configured name, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the accepted values and the one found
     */
    public static ExecutionProvider parse(String value) {
        if (value != null) {
            String wanted = value.trim();
            for (ExecutionProvider provider : values()) {
                if (provider.id().equalsIgnoreCase(wanted)) {
                    return provider;
                }
            }
        }
        throw new IllegalArgumentException("execution provider: expected one of "
                + Arrays.stream(values()).map(ExecutionProvider::id).toList() + ", found "
                + (value == null ? "null" : "'" + value + "'"));
    }
}
