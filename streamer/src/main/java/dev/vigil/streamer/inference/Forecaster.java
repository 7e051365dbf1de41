package dev.vigil.streamer.inference;

import dev.vigil.spec.ModelSpec;

/**
 * What the topology needs from a model: its spec and batched forecasts. {@link OnnxModel} is the implementation;
 * the interface keeps the processors free of ONNX Runtime types.
 */
public interface Forecaster {

    /** The model's validated spec. */
    ModelSpec spec();

    /** A short version string that identifies the model in every output record. */
    String modelVersion();

    /**
     * Forecasts for {@code batch} scaled windows, row-major {@code [batch][W][F]}; returns {@code [batch][H][T]} in
     * scaled units. Safe to call from several stream threads at once.
     */
    float[] forecast(float[] windows, int batch);

    /**
     * Grows by one each time a new model replaces the one being served; processors compare it to know that the
     * forecasts they hold came from an older model. Constant for a model that is never replaced.
     */
    default long generation() {
        return 0;
    }
}
