package dev.vigil.trainer.fit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import dev.vigil.spec.Hyperparameters;
import dev.vigil.trainer.export.ForecasterWeights;
import dev.vigil.trainer.model.DjlForecaster;
import dev.vigil.trainer.model.LstmShape;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fits the forecaster with Adam on the mean squared error of the whole H-step free-running rollout, stops early
 * when the validation loss has not improved for {@code patience} epochs, and leaves the best epoch's weights in
 * the forecaster. Every random choice derives from the seed, so a run can be repeated exactly.
 */
public final class LstmFitter {

    private final Hyperparameters hp;
    private final int validationWindows;
    private final FitProgress progress;

    public LstmFitter(Hyperparameters hp, int validationWindows, FitProgress progress) {
        this.hp = hp;
        this.validationWindows = validationWindows;
        this.progress = progress;
    }

    public FitResult fit(DjlForecaster forecaster, BatchAssembler data, WindowSplits splits) {
        long begin = System.nanoTime();
        SplittableRandom random = new SplittableRandom(hp.seed());
        WindowBatch validation = data.assemble(WindowSampler.sample(splits.validation(), validationWindows,
                random.split()), 0, Math.min(validationWindows, splits.validation().length));
        List<EpochResult> epochs = new ArrayList<>();
        ForecasterWeights best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        LstmShape shape = forecaster.shape();
        Adam.Builder adam = Adam.builder().optLearningRateTracker(Tracker.fixed((float) hp.learningRate()));
        if (hp.gradientClip() > 0) {
            adam.optClipGrad((float) hp.gradientClip());
        }
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam.build());
        try (Trainer trainer = forecaster.model().newTrainer(config)) {
            for (int epoch = 1; epoch <= hp.maxEpochs(); epoch++) {
                long epochBegin = System.nanoTime();
                long[] windows = WindowSampler.sample(splits.train(), hp.windowsPerEpoch(), random.split());
                int batches = (windows.length + hp.batchSize() - 1) / hp.batchSize();
                progress.epochStarted(epoch, hp.maxEpochs(), batches);
                double lossSum = 0;
                for (int b = 0; b < batches; b++) {
                    int from = b * hp.batchSize();
                    WindowBatch batch = data.assemble(windows, from, Math.min(windows.length, from + hp.batchSize()));
                    double loss = step(trainer, batch, shape);
                    lossSum += loss;
                    progress.batchDone(loss);
                }
                double validationLoss = meanSquaredError(forecaster.predict(validation.inputs(), validation.size()),
                        validation.labels());
                boolean improved = validationLoss < bestLoss;
                if (improved) {
                    bestLoss = validationLoss;
                    bestEpoch = epoch;
                    best = forecaster.weights();
                }
                EpochResult result = new EpochResult(epoch, lossSum / batches, validationLoss, improved,
                        (System.nanoTime() - epochBegin) / 1_000_000);
                epochs.add(result);
                progress.epochDone(result);
                if (!Double.isFinite(result.trainLoss()) || !Double.isFinite(result.validationLoss())) {
                    throw new IllegalStateException("training diverged at epoch " + epoch + " (train loss "
                            + result.trainLoss() + ", validation loss " + result.validationLoss()
                            + "); lower --learning-rate or set --gradient-clip");
                }
                if (epoch - bestEpoch >= hp.patience()) {
                    break;
                }
            }
        }
        forecaster.restore(best);
        boolean stoppedEarly = epochs.size() < hp.maxEpochs();
        return new FitResult(epochs, bestEpoch, stoppedEarly, (System.nanoTime() - begin) / 1_000_000);
    }

    private static double step(Trainer trainer, WindowBatch batch, LstmShape shape) {
        try (NDManager manager = trainer.getManager().newSubManager()) {
            NDArray inputs = manager.create(batch.inputs(), new Shape(batch.size(), shape.windowSize(),
                    shape.inputSize()));
            NDArray labels = manager.create(batch.labels(), new Shape(batch.size(), shape.horizon(),
                    shape.targetIndices().length));
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray forecast = trainer.forward(new NDList(inputs)).head();
                NDArray mse = forecast.sub(labels).square().mean();
                loss = mse.getFloat();
                collector.backward(mse);
            }
            // a batch the model already fits exactly (e.g. a constant series) has no gradient to follow, and the
            // optimizer refuses an all-zero gradient
            if (loss > 0) {
                trainer.step();
            }
            return loss;
        }
    }

    static double meanSquaredError(float[] forecast, float[] labels) {
        double sum = 0;
        for (int i = 0; i < forecast.length; i++) {
            double d = forecast[i] - labels[i];
            sum += d * d;
        }
        return sum / forecast.length;
    }
}
