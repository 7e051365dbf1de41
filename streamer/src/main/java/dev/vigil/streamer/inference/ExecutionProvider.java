package dev.vigil.streamer.inference;

import dev.vigil.streamer.NamedChoice;

/**
 * Where ONNX Runtime runs the model; {@link #id()} ({@code cpu}, {@code cuda}) names it in configuration and metric
 * tags.
 */
public enum ExecutionProvider implements NamedChoice {

    /** ONNX Runtime's default CPU provider; always available. */
    CPU,

    /** NVIDIA GPUs; needs the GPU build of ONNX Runtime, CUDA libraries and a visible device at run time. */
    CUDA;

    /**
     * Parses a configured name, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the accepted values and the one found
     */
    public static ExecutionProvider parse(String value) {
        return NamedChoice.parse(ExecutionProvider.class, "execution provider", value);
    }
}
