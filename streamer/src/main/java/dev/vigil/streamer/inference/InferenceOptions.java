package dev.vigil.streamer.inference;

import java.util.Objects;

/**
 * How {@link OnnxModel} runs a model.
 *
 * @param provider       the execution provider to ask for
 * @param cudaFallback   when {@code provider} is {@link ExecutionProvider#CUDA} and CUDA cannot be used: {@code true}
 *                       logs a warning and runs on CPU, {@code false} refuses to load
 * @param intraOpThreads threads ONNX Runtime may use inside one operator; at least 1. More threads rarely help small
 *                       recurrent models, and stream threads already run forecasts in parallel
 */
public record InferenceOptions(ExecutionProvider provider, boolean cudaFallback, int intraOpThreads) {

    public InferenceOptions {
        Objects.requireNonNull(provider, "provider: expected cpu or cuda, found null");
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads: expected at least 1, found " + intraOpThreads);
        }
    }

    /** CPU, fallback on, one intra-op thread. */
    public static InferenceOptions defaults() {
        return new InferenceOptions(ExecutionProvider.CPU, true, 1);
    }
}
