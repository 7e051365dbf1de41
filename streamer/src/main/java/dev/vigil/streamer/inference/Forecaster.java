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
     * Floats of LSTM state the model carries per series between calls ({@code 2 * layers * hidden}), or 0 when the
     * model can only re-run whole windows (exported before stateful serving existed).
     */
    default int stateSize() {
        return 0;
    }

    /**
     * Forecasts for {@code batch} inputs of {@code steps} scaled steps each, row-major {@code [batch][steps][F]},
     * each starting from its LSTM state in {@code states} {@code [batch][stateSize]}: one step from a carried state
     * advances a series by one record, a whole window from zeros re-derives it. Returns the forecasts
     * {@code [batch][H][T]} and the states after each input's last step.
     *
     * @throws UnsupportedOperationException when {@link #stateSize()} is 0
     */
    default Stepped forecast(float[] inputs, int batch, int steps, float[] states) {
        throw new UnsupportedOperationException("model " + modelVersion() + " carries no LSTM state: it can only "
                + "forecast whole windows");
    }

    /** Forecasts and end states of a stateful call, row-major like its inputs. */
    record Stepped(float[] forecasts, float[] states) {
    }

    /**
     * The model serving now, which stays the same object for a sequence of calls: a replaceable model returns the
     * one it currently serves, so a caller can read its state size and run it knowing both describe one model.
     */
    default Forecaster current() {
        return this;
    }

    /**
     * Grows by one each time a new model replaces the one being served; processors compare it to know that the
     * forecasts they hold came from an older model. Constant for a model that is never replaced.
     */
    default long generation() {
        return 0;
    }
}
