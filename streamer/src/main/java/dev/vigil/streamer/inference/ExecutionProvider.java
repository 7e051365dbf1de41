package dev.vigil.streamer.inference;

import dev.vigil.streamer.NamedChoice;

import java.util.Locale;

/** Where ONNX Runtime runs the model. */
public enum ExecutionProvider implements NamedChoice {

    /** ONNX Runtime's default CPU provider; always available. */
    CPU,

    /** NVIDIA GPUs; needs the GPU build of ONNX Runtime, CUDA libraries and a visible device at run time. */
    CUDA;

    /** The lower-case name used in configuration, logs and metric tags: {@code cpu} or {@code cuda}. */
    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a configured name, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the accepted values and the one found
     */
    public static ExecutionProvider parse(String value) {
        return NamedChoice.parse(ExecutionProvider.class, "execution provider", value);
    }
}
