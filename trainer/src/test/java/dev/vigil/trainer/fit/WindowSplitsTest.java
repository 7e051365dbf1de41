package dev.vigil.trainer.fit;

import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.SyntheticHistory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowSplitsTest {

    static final int W = 10;
    static final int H = 3;

    @Test
    void everyLabelLiesInsideItsOwnSplitAndTheSplitsFollowEachOtherInTime() {
        History history = SyntheticHistory.of(3, 200, 1).generate();
        WindowSplits splits = WindowSplits.of(history, W, H, SplitFractions.defaults());
        int trainEnd = 140;
        int validationEnd = 170;
        for (long w : splits.train()) {
            int lastLabel = WindowSplits.start(w) + W + H - 1;
            assertTrue(lastLabel < trainEnd, "training label at step " + lastLabel + " reaches past the train split");
        }
        for (long w : splits.validation()) {
            int firstLabel = WindowSplits.start(w) + W;
            int lastLabel = firstLabel + H - 1;
            assertTrue(firstLabel >= trainEnd && lastLabel < validationEnd,
                    "validation labels " + firstLabel + ".." + lastLabel + " outside [140, 170)");
        }
        for (long w : splits.test()) {
            int firstLabel = WindowSplits.start(w) + W;
            assertTrue(firstLabel >= validationEnd && firstLabel + H - 1 < 200,
                    "test labels from " + firstLabel + " outside [170, 200)");
        }
        assertEquals(3 * (trainEnd - W - H + 1), splits.train().length, "every training window of every series");
        assertEquals(3 * (validationEnd - trainEnd - H + 1), splits.validation().length);
        assertEquals(3 * (200 - validationEnd - H + 1), splits.test().length);
    }

    @Test
    void windowsKeepTheirSeriesAndStart() {
        History history = SyntheticHistory.of(2, 200, 1).generate();
        WindowSplits splits = WindowSplits.of(history, W, H, SplitFractions.defaults());
        long last = splits.train()[splits.train().length - 1];
        assertEquals(1, WindowSplits.seriesIndex(last), "last training window belongs to the second series");
        assertEquals(140 - W - H, WindowSplits.start(last), "and starts where its labels end the train split");
    }

    @Test
    void minimumLengthIsTheShortestSeriesThatSplitsIntoThreeWindows() {
        int n = WindowSplits.minimumLength(W, H, SplitFractions.defaults());
        History enough = SyntheticHistory.of(1, n, 1).generate();
        assertTrue(WindowSplits.of(enough, W, H, SplitFractions.defaults()).test().length > 0);
        History tooShort = SyntheticHistory.of(1, n - 1, 1).generate();
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(dev.vigil.trainer.data.HistoryException.class,
                () -> WindowSplits.of(tooShort, W, H, SplitFractions.defaults())).getMessage()
                .contains("at least " + n + " steps"));
    }
}
