package dev.vigil.streamer.inference;

import dev.vigil.spec.ModelSpec;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model being served, replaceable while the streamer runs. The one owner of whichever {@link OnnxModel} is
 * current: a swap closes the old one, which waits for forecasts still running on it.
 */
public final class SwappableModel implements Forecaster, AutoCloseable {

    private final AtomicReference<OnnxModel> current;
    private final AtomicLong generation = new AtomicLong();

    public SwappableModel(OnnxModel initial) {
        this.current = new AtomicReference<>(initial);
    }

    /**
     * Serves {@code next} from now on if it is compatible, closing the model it replaces; otherwise closes
     * {@code next} and returns why it was refused.
     */
    public synchronized Optional<String> swap(OnnxModel next) {
        OnnxModel served = current.get();
        Optional<String> problem = ModelCompatibility.problem(served.spec(), next.spec());
        if (problem.isPresent()) {
            next.close();
            return problem;
        }
        current.set(next);
        generation.incrementAndGet();
        served.close();
        return Optional.empty();
    }

    @Override
    public ModelSpec spec() {
        return current.get().spec();
    }

    @Override
    public String modelVersion() {
        return current.get().modelVersion();
    }

    @Override
    public float[] forecast(float[] windows, int batch) {
        while (true) {
            OnnxModel model = current.get();
            try {
                return model.forecast(windows, batch);
            } catch (IllegalStateException closed) {
                if (current.get() == model) {
                    throw closed;
                }
                // swapped and closed between reading it and running it: run on the new one
            }
        }
    }

    @Override
    public int stateSize() {
        return current.get().stateSize();
    }

    @Override
    public Stepped forecast(float[] inputs, int batch, int steps, float[] states) {
        return current.get().forecast(inputs, batch, steps, states);
    }

    /** The model served now; a swap closes it, after which its forecasts throw {@link IllegalStateException}. */
    @Override
    public Forecaster current() {
        return current.get();
    }

    @Override
    public long generation() {
        return generation.get();
    }

    @Override
    public void close() {
        current.get().close();
    }
}
