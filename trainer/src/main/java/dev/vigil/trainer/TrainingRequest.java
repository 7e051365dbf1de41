package dev.vigil.trainer;

import dev.vigil.spec.Hyperparameters;
import dev.vigil.spec.Scaling;
import dev.vigil.trainer.data.History;
import dev.vigil.trainer.fit.SplitFractions;

import java.nio.file.Path;
import java.util.List;

/**
 * One training run, fully specified.
 *
 * @param history           the data
 * @param targets           features to forecast; empty means all features
 * @param windowSize        W
 * @param horizon           H
 * @param hyperparameters   the fit's settings, seed included
 * @param split             the time split of every series
 * @param validationWindows validation windows sampled for early stopping and calibration (0 = all)
 * @param testWindows       test windows sampled for the metrics (0 = all)
 * @param seasonalPeriod    period of the seasonal-naive baseline: null to detect, 0 for none
 * @param quantiles         threshold quantiles to calibrate
 * @param output            where the ONNX file goes; charts go next to it
 * @param charts            whether to write the PNG charts
 * @param fixtureDir        where to write golden fixtures (held-out windows and expected forecasts), or null
 * @param scaling           how every window is scaled, written into the spec for the streamer
 */
public record TrainingRequest(
        History history,
        List<String> targets,
        int windowSize,
        int horizon,
        Hyperparameters hyperparameters,
        SplitFractions split,
        int validationWindows,
        int testWindows,
        Integer seasonalPeriod,
        List<Double> quantiles,
        Path output,
        boolean charts,
        Path fixtureDir,
        Scaling scaling) {

    /** A request with the default scaling. */
    public TrainingRequest(History history, List<String> targets, int windowSize, int horizon,
                           Hyperparameters hyperparameters, SplitFractions split, int validationWindows,
                           int testWindows, Integer seasonalPeriod, List<Double> quantiles, Path output,
                           boolean charts, Path fixtureDir) {
        this(history, targets, windowSize, horizon, hyperparameters, split, validationWindows, testWindows,
                seasonalPeriod, quantiles, output, charts, fixtureDir, Scaling.defaults());
    }

    public TrainingRequest {
        targets = List.copyOf(targets);
        quantiles = List.copyOf(quantiles);
    }

    /** The requested targets, or all features. */
    public List<String> effectiveTargets() {
        return targets.isEmpty() ? history.features() : targets;
    }
}
