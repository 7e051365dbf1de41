package dev.vigil.trainer.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.nn.Parameter;
import dev.vigil.trainer.export.ForecasterWeights;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Owns the DJL model of one forecaster (and with it the native PyTorch memory). Close is idempotent; use after
 * close is an {@link IllegalStateException}.
 */
public final class DjlForecaster implements AutoCloseable {

    /** Windows per forward pass when predicting, to bound native memory. */
    private static final int PREDICT_CHUNK = 2048;

    private final Model model;
    private final FeedbackLstmBlock block;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DjlForecaster(Model model, FeedbackLstmBlock block) {
        this.model = model;
        this.block = block;
    }

    /** A freshly initialized forecaster; the same shape and seed give the same initial weights. */
    public static DjlForecaster create(LstmShape shape, long seed) {
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed((int) seed);
        Model model = Model.newInstance("vigil-forecaster", Device.cpu(), "PyTorch");
        try {
            FeedbackLstmBlock block = new FeedbackLstmBlock(shape);
            block.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32,
                    new Shape(1, shape.windowSize(), shape.inputSize()));
            return new DjlForecaster(model, block);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    public Model model() {
        requireOpen();
        return model;
    }

    public FeedbackLstmBlock block() {
        requireOpen();
        return block;
    }

    public LstmShape shape() {
        return block.shape();
    }

    /** Forecasts for {@code batch} scaled windows, row-major {@code [batch][W][F]} in, {@code [batch][H][T]} out. */
    public float[] predict(float[] windows, int batch) {
        requireOpen();
        LstmShape shape = block.shape();
        int windowLength = shape.windowSize() * shape.inputSize();
        int forecastLength = shape.horizon() * shape.targetIndices().length;
        float[] out = new float[batch * forecastLength];
        for (int from = 0; from < batch; from += PREDICT_CHUNK) {
            int size = Math.min(PREDICT_CHUNK, batch - from);
            float[] chunk = new float[size * windowLength];
            System.arraycopy(windows, from * windowLength, chunk, 0, chunk.length);
            try (NDManager manager = model.getNDManager().newSubManager()) {
                NDArray input = manager.create(chunk, new Shape(size, shape.windowSize(), shape.inputSize()));
                NDList result = block.forward(new ParameterStore(manager, false), new NDList(input), false);
                float[] forecast = result.head().toFloatArray();
                System.arraycopy(forecast, 0, out, from * forecastLength, forecast.length);
            }
        }
        return out;
    }

    public ForecasterWeights weights() {
        requireOpen();
        return block.weights();
    }

    public void restore(ForecasterWeights weights) {
        requireOpen();
        block.restore(weights);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            model.close();
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("forecaster is closed");
        }
    }
}
