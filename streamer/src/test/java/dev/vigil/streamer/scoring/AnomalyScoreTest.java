package dev.vigil.streamer.scoring;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnomalyScoreTest {

    static final double T = 0.25;

    @Test
    void scoreIsZeroHalfAndThreeQuartersAtZeroOneAndThreeThresholds() {
        assertEquals(0.0, AnomalyScore.score(0, T), 0.0, "no error scores 0");
        assertEquals(0.5, AnomalyScore.score(T, T), 0.0, "an error at the threshold scores exactly 0.5");
        assertEquals(0.75, AnomalyScore.score(3 * T, T), 1e-12, "three thresholds score 3 / 4");
        assertTrue(AnomalyScore.score(1e6, T) > 0.999 && AnomalyScore.score(1e6, T) <= 1.0,
                "a huge error approaches 1 without passing it");
        assertEquals(1.0, AnomalyScore.score(Double.POSITIVE_INFINITY, T), 0.0, "an infinite error scores 1");
    }

    @Test
    void scoreHandlesNonPositiveThresholdsNegativeErrorsAndNaN() {
        assertEquals(1.0, AnomalyScore.score(0.1, 0), 0.0, "any error above a zero threshold is maximal");
        assertEquals(1.0, AnomalyScore.score(0.1, -1), 0.0, "a negative threshold acts as zero");
        assertEquals(0.0, AnomalyScore.score(0, 0), 0.0, "no error scores 0 even against a zero threshold");
        assertEquals(0.0, AnomalyScore.score(-0.5, T), 0.0, "a negative error counts as no error");
        assertTrue(Double.isNaN(AnomalyScore.score(Double.NaN, T)), "NaN in, NaN out");
        assertTrue(Double.isNaN(AnomalyScore.score(0.1, Double.NaN)), "NaN threshold in, NaN out");
    }

    @Test
    void anomalousMeansStrictlyAboveTheThreshold() {
        assertFalse(AnomalyScore.anomalous(T, T), "at the threshold (score 0.5) is still normal");
        assertTrue(AnomalyScore.anomalous(Math.nextUp(T), T), "just above the threshold is anomalous");
        assertFalse(AnomalyScore.anomalous(Double.NaN, T), "NaN is never anomalous");
    }

    @Test
    void severityBandsSwitchAtTwoAndFourThresholds() {
        assertEquals(Severity.MINOR, AnomalyScore.severity(T, T), "1 threshold is minor");
        assertEquals(Severity.MINOR, AnomalyScore.severity(Math.nextDown(2 * T), T), "just below 2 is minor");
        assertEquals(Severity.MAJOR, AnomalyScore.severity(2 * T, T), "exactly 2 thresholds is major");
        assertEquals(Severity.MAJOR, AnomalyScore.severity(Math.nextDown(4 * T), T), "just below 4 is major");
        assertEquals(Severity.CRITICAL, AnomalyScore.severity(4 * T, T), "exactly 4 thresholds is critical");
        assertEquals(Severity.CRITICAL, AnomalyScore.severity(100 * T, T), "far above is critical");
    }

    @Test
    void severityHandlesNonPositiveThresholdsAndNaN() {
        assertEquals(Severity.CRITICAL, AnomalyScore.severity(0.1, 0), "any error over a zero threshold is critical");
        assertEquals(Severity.MINOR, AnomalyScore.severity(0, 0), "no error is minor");
        assertEquals(Severity.MINOR, AnomalyScore.severity(Double.NaN, T), "NaN gives the lowest severity");
    }
}
