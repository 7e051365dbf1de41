package dev.vigil.trainer.cli;

import dev.vigil.trainer.fit.EpochResult;
import dev.vigil.trainer.fit.FitProgress;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One summary line per epoch, and on a terminal a progress bar over the epoch's batches with the running loss
 * (redirected output gets only the lines, not a stream of carriage returns).
 */
final class ConsoleFitProgress implements FitProgress {

    private final PrintStream out;
    private final boolean bar;
    private ProgressBar progressBar;
    private double lossSum;
    private int batches;

    ConsoleFitProgress(PrintStream out, boolean bar) {
        this.out = out;
        this.bar = bar;
    }

    @Override
    public void epochStarted(int epoch, int maxEpochs, int batchCount) {
        lossSum = 0;
        batches = 0;
        if (!bar) {
            return;
        }
        progressBar = new ProgressBarBuilder()
                .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, maxEpochs))
                .setInitialMax(batchCount)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" batches", 1)
                .setUpdateIntervalMillis(500)
                .continuousUpdate()
                .build();
    }

    @Override
    public void batchDone(double loss) {
        lossSum += loss;
        batches++;
        if (progressBar != null) {
            progressBar.step();
            progressBar.setExtraMessage(String.format(Locale.ROOT, "loss %.5f", lossSum / batches));
        }
    }

    @Override
    public void epochDone(EpochResult result) {
        if (progressBar != null) {
            progressBar.close();
            progressBar = null;
        }
        out.printf(Locale.ROOT, "epoch %3d  train loss %.6f  validation loss %.6f  %5.1f s%s%n", result.epoch(),
                result.trainLoss(), result.validationLoss(), result.millis() / 1000.0,
                result.improved() ? "  (best)" : "");
    }
}
