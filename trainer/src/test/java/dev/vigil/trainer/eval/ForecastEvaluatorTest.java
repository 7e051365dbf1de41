package dev.vigil.trainer.eval;

import dev.vigil.spec.ForecastMetrics;
import dev.vigil.spec.Scaling;
import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.Series;
import dev.vigil.trainer.fit.BatchAssembler;
import dev.vigil.trainer.fit.SplitFractions;
import dev.vigil.trainer.fit.WindowBatch;
import dev.vigil.trainer.fit.WindowSplits;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForecastEvaluatorTest {

    @Test
    void seasonalNaiveIsExactOnAPurelyPeriodicSeriesAndLastValueIsNot() {
        int period = 12;
        int n = 600;
        long[] ts = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = i * 60_000L;
            values[i] = 100 + 10 * Math.sin(2 * Math.PI * i / period);
        }
        History history = new History("periodic", List.of("value"), List.of(new Series("p", ts, values, 1)), 60_000);
        WindowSplits splits = WindowSplits.of(history, 8, 20, SplitFractions.defaults());
        BatchAssembler data = new BatchAssembler(history, Scaling.defaults(), 8, 20, new int[] {0});
        WindowBatch test = data.assemble(splits.test(), 0, splits.test().length);
        float[] perfect = test.labels().clone();

        ForecastMetrics metrics = new ForecastEvaluator(data, period).evaluate(splits.test(), test, perfect);

        for (int h = 0; h < 20; h++) {
            assertEquals(0, metrics.model().get(h).mse(), 1e-12, "a perfect forecast has no error");
            assertEquals(0, metrics.seasonalNaive().get(h).mae(), 1e-5,
                    "seasonal naive at step " + (h + 1) + " repeats the value one or two periods back exactly");
            assertTrue(metrics.lastValue().get(h).mae() > 0.1 || h % period == period - 1,
                    "last value misses the cycle at step " + (h + 1));
        }
        assertEquals(splits.test().length, metrics.windows());
    }
}
