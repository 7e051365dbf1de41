package dev.vigil.backtest;

import dev.vigil.streamer.evaluation.EventMatch;
import dev.vigil.streamer.evaluation.TimeRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hindsight bound: which labeled ranges any per-series threshold on the forecast errors could have caught. */
class HindsightBoundTest {

    @Test
    void aLabelCountsOnlyWhenItsPeakErrorBeatsEveryErrorOutsideTheLabels() {
        double[] errors = new double[100];
        errors[20] = 3.0;   // inside label A: the largest error of the series
        errors[50] = 1.0;   // inside label B: below the normal peak at 80
        errors[80] = 2.0;   // outside every label
        List<TimeRange> labels = List.of(new TimeRange(18, 22), new TimeRange(48, 52));

        HindsightBound bound = HindsightBound.of(List.of(series(errors, labels)), 1.0, 0);

        assertEquals(2, bound.labeled(), "both labels are counted");
        assertEquals(1, bound.separable(), "only A's peak (3) beats the largest error outside the labels (2)");
    }

    @Test
    void errorsWithinTheMarginOfALabelAreNotNormal() {
        double[] errors = new double[100];
        errors[50] = 1.0;   // inside the label
        errors[55] = 2.0;   // 3 rows after the label ends: the tail of the same incident
        List<TimeRange> labels = List.of(new TimeRange(48, 52));

        assertEquals(0, HindsightBound.of(List.of(series(errors, labels)), 1.0, 0).separable(),
                "with no margin the tail at row 55 counts as a normal error above the label's peak");
        assertEquals(1, HindsightBound.of(List.of(series(errors, labels)), 1.0, 5).separable(),
                "with a margin of 5 rows the tail belongs to the label");
    }

    @Test
    void errorsAreSmoothedLikeTheStreamerSmoothsThem() {
        double[] errors = new double[100];
        for (int i = 40; i < 50; i++) {
            errors[i] = 1.0;    // a long moderate incident
        }
        errors[80] = 4.0;       // one lone spike elsewhere
        List<TimeRange> labels = List.of(new TimeRange(40, 49));

        assertEquals(0, HindsightBound.of(List.of(series(errors, labels)), 1.0, 0).separable(),
                "unsmoothed, the lone spike (4) is above the incident (1)");
        assertEquals(1, HindsightBound.of(List.of(series(errors, labels)), 0.1, 0).separable(),
                "smoothed with alpha 0.1 the incident builds to 0.65 while the spike is 0.4");
        assertTrue(HindsightBound.of(List.of(series(errors, labels)), 0.1, 0).describe()
                .startsWith("Separable in hindsight: 1 of 1 labeled ranges (100.0%)"), "the report line");
    }

    @Test
    void rowsWithoutAForecastAndSeriesWithoutLabelsAreLeftOut() {
        double[] errors = new double[50];
        errors[10] = 5.0;
        List<RowResult> rows = rows(errors);
        rows.set(10, new RowResult(10, new double[] {0}, new double[] {Double.NaN}, new double[] {Double.NaN},
                new double[] {Double.NaN}, Double.NaN, false, false));   // warming up: no forecast
        SeriesResult unlabeled = new SeriesResult("other", List.of("value"), rows(new double[50]), List.of(),
                List.of(), EventMatch.of(List.of(), List.of()));
        List<TimeRange> labels = List.of(new TimeRange(20, 20));
        errors[20] = 0.5;
        SeriesResult labeled = new SeriesResult("s", List.of("value"), rows, labels,
                labels, EventMatch.of(labels, List.of()));
        rows.set(20, rows(errors).get(20));

        HindsightBound bound = HindsightBound.of(List.of(unlabeled, labeled), 1.0, 0);

        assertEquals(1, bound.labeled(), "a series without labels adds nothing");
        assertEquals(1, bound.separable(), "the row without a forecast is neither normal nor anomalous");
    }

    /** A series of one target whose actual is 0 and whose expected is minus the error, so |actual - expected| = error. */
    private static SeriesResult series(double[] errors, List<TimeRange> labels) {
        return new SeriesResult("s", List.of("value"), rows(errors), List.of(), labels,
                EventMatch.of(labels, List.of()));
    }

    private static List<RowResult> rows(double[] errors) {
        List<RowResult> rows = new ArrayList<>();
        for (int i = 0; i < errors.length; i++) {
            // the actual alternates +-1 so the target's spread is 1 and errors stay in their own units
            double actual = i % 2 == 0 ? 1 : -1;
            rows.add(new RowResult(i, new double[] {actual}, new double[] {actual - errors[i]},
                    new double[] {Double.NaN}, new double[] {Double.NaN}, 0, false, false));
        }
        return rows;
    }
}
