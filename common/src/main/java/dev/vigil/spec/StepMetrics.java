package dev.vigil.spec;

/** Forecast error at one horizon step (1 = one step ahead), in scaled units. */
public record StepMetrics(int step, double mse, double rmse, double mae) {
}
