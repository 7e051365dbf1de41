package dev.vigil.trainer.eval;

import dev.vigil.spec.StepMetrics;

import java.util.ArrayList;
import java.util.List;

/** Accumulates squared and absolute errors per horizon step, over all targets. */
final class StepErrors {

    private final double[] squared;
    private final double[] absolute;
    private final long[] counts;

    StepErrors(int horizon) {
        squared = new double[horizon];
        absolute = new double[horizon];
        counts = new long[horizon];
    }

    void add(int step, double error) {
        squared[step] += error * error;
        absolute[step] += Math.abs(error);
        counts[step]++;
    }

    List<StepMetrics> metrics() {
        List<StepMetrics> out = new ArrayList<>(squared.length);
        for (int h = 0; h < squared.length; h++) {
            double mse = counts[h] == 0 ? Double.NaN : squared[h] / counts[h];
            out.add(new StepMetrics(h + 1, mse, Math.sqrt(mse), counts[h] == 0 ? Double.NaN : absolute[h] / counts[h]));
        }
        return out;
    }
}
