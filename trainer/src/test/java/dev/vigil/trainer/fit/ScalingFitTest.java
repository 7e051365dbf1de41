package dev.vigil.trainer.fit;

import dev.vigil.spec.Scaling;
import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.HistoryException;
import dev.vigil.trainer.data.Series;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fitting a fixed scaling on the training split only. */
class ScalingFitTest {

    private static final Scaling FIXED = new Scaling(Scaling.FIXED_STANDARD, 1e-6, 0.0);

    @Test
    void theMeanAndSpreadComeFromTheTrainingFractionOfEverySeries() {
        // a: 1, 3 in training, then 1000 outside it; b: 5, 7 in training, then -1000 outside it
        History history = history(series("a", 1, 3, 1000, 1000), series("b", 5, 7, -1000, -1000));

        Scaling fitted = ScalingFit.resolve(FIXED, history, split(0.5));

        assertEquals(List.of(4.0), fitted.mean(), "mean of 1, 3, 5, 7: the values after the split must not count");
        assertEquals(Math.sqrt(5.0), fitted.scale().get(0), 1e-12, "population std of 1, 3, 5, 7");
        assertEquals(Scaling.FIXED_STANDARD, fitted.scheme(), "the scheme stays");
    }

    @Test
    void aFlatTrainingSplitGetsTheMinimumScale() {
        History history = history(series("flat", 2, 2, 2, 9));

        Scaling fitted = ScalingFit.resolve(new Scaling(Scaling.FIXED_STANDARD, 0.05, 0.0), history, split(0.75));

        assertEquals(0.05, fitted.scale().get(0), 0.0, "a spread of 0 is floored at minScale, never 0");
    }

    @Test
    void windowScalingAndAnAlreadyFittedScalingAreReturnedAsGiven() {
        History history = history(series("a", 1, 2, 3, 4));
        Scaling fitted = FIXED.fitted(new double[] {9}, new double[] {3});

        Scaling window = Scaling.defaults();
        assertSame(window, ScalingFit.resolve(window, history, split(0.5)),
                "per-window scaling has nothing to fit");
        assertSame(fitted, ScalingFit.resolve(fitted, history, split(0.5)), "a fitted scaling (a reused model's) stays");
    }

    @Test
    void noTrainingPointsIsAClearError() {
        History history = history(series("short", 1));

        HistoryException e = assertThrows(HistoryException.class,
                () -> ScalingFit.resolve(FIXED, history, split(0.5)));

        assertTrue(e.getMessage().contains("no training points"), "message was <" + e.getMessage() + ">");
    }

    private static SplitFractions split(double train) {
        return new SplitFractions(train, (1 - train) / 2);
    }

    private static Series series(String id, double... values) {
        long[] ts = new long[values.length];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = i * 1000L;
        }
        return new Series(id, ts, values, 1);
    }

    private static History history(Series... series) {
        return new History("test", List.of("value"), List.of(series), 1000);
    }
}
