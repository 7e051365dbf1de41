package dev.vigil.streamer.topology;

import dev.vigil.spec.ModelSpec;
import dev.vigil.streamer.inference.Forecaster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A transparent stateful stand-in model: its "LSTM state" is {@code [last scaled input, steps absorbed]} and it
 * forecasts the last input for every step. Scaling and unscaling with the same statistics cancel out, so its
 * forecast in raw units is the series' last value in window mode and in stateful mode alike, and the state's step
 * count tells how far a state was carried. Records every call's batch size and step count.
 */
final class LastValueStateForecaster implements Forecaster {

    /** One inference call: how many series, each with how many steps (W to derive, 1 to advance). */
    record Call(int batch, int steps) {
    }

    private final ModelSpec spec;
    private volatile String version;
    private volatile long generation;
    final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    /** Steps absorbed by the state of each series in the last stateful call, in batch order. */
    volatile float[] lastStates = new float[0];

    LastValueStateForecaster(int windowSize, int horizon) {
        this.spec = MeanForecaster.univariate(windowSize, horizon).spec();
        this.version = "last-value-1";
    }

    /** Acts as if another model had been swapped in. */
    void replace(String newVersion) {
        version = newVersion;
        generation++;
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public String modelVersion() {
        return version;
    }

    @Override
    public long generation() {
        return generation;
    }

    @Override
    public int stateSize() {
        return 2;
    }

    @Override
    public float[] forecast(float[] windows, int batch) {
        return forecast(windows, batch, spec.windowSize(), new float[batch * 2]).forecasts();
    }

    @Override
    public Stepped forecast(float[] inputs, int batch, int steps, float[] states) {
        calls.add(new Call(batch, steps));
        int horizon = spec.horizon();
        float[] forecasts = new float[batch * horizon];
        float[] next = new float[batch * 2];
        for (int b = 0; b < batch; b++) {
            float last = inputs[b * steps + steps - 1];
            next[b * 2] = last;
            next[b * 2 + 1] = states[b * 2 + 1] + steps;
            for (int h = 0; h < horizon; h++) {
                forecasts[b * horizon + h] = last;
            }
        }
        lastStates = next;
        return new Stepped(forecasts, next);
    }

    List<Call> callsAndClear() {
        synchronized (calls) {
            List<Call> copy = List.copyOf(calls);
            calls.clear();
            return copy;
        }
    }
}
