package dev.vigil.spec;

import java.util.List;

/**
 * Test-split metrics of the model beside two naive baselines, per horizon step, in scaled units.
 *
 * @param windows        test windows evaluated
 * @param model          the LSTM forecaster
 * @param lastValue      the last observed value repeated
 * @param seasonalPeriod the period used by the seasonal-naive baseline, or 0 when none was given or detected
 * @param seasonalNaive  the value one period earlier, empty when {@code seasonalPeriod} is 0
 */
public record ForecastMetrics(
        long windows,
        List<StepMetrics> model,
        List<StepMetrics> lastValue,
        int seasonalPeriod,
        List<StepMetrics> seasonalNaive) {

    public ForecastMetrics {
        model = List.copyOf(model);
        lastValue = List.copyOf(lastValue);
        seasonalNaive = List.copyOf(seasonalNaive);
    }
}
