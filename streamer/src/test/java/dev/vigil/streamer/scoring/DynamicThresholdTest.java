package dev.vigil.streamer.scoring;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DynamicThresholdTest {

    /** Absolute Gaussian noise, like the smoothed errors of a well-forecast series. */
    static ErrorHistory noise(int n, long seed) {
        Random random = new Random(seed);
        ErrorHistory history = ErrorHistory.empty(n);
        for (int i = 0; i < n; i++) {
            history.add(Math.abs(0.1 * random.nextGaussian()));
        }
        return history;
    }

    static double mean(float[] xs) {
        double sum = 0;
        for (float x : xs) {
            sum += x;
        }
        return sum / xs.length;
    }

    static double std(float[] xs) {
        double mu = mean(xs);
        double squares = 0;
        for (float x : xs) {
            squares += (x - mu) * (x - mu);
        }
        return Math.sqrt(squares / xs.length);
    }

    @Test
    void noiseGetsAThresholdBetweenTwoAndTenSigmas() {
        for (long seed = 1; seed <= 5; seed++) {
            float[] errors = noise(500, seed).toArray();
            double mu = mean(errors);
            double sigma = std(errors);
            double eps = DynamicThreshold.epsilon(noise(500, seed));
            assertTrue(eps >= mu + 2 * sigma - 1e-9 && eps <= mu + 10 * sigma + 1e-9,
                    "seed " + seed + ": eps " + eps + " outside [mu + 2 sigma, mu + 10 sigma] = ["
                            + (mu + 2 * sigma) + ", " + (mu + 10 * sigma) + "]");
        }
    }

    @Test
    void spikesInNoiseAreTheOnlyErrorsAboveTheThreshold() {
        ErrorHistory history = ErrorHistory.empty(500);
        Random random = new Random(7);
        int[] spikeAt = {100, 260, 420};
        float noiseMax = 0;
        for (int i = 0; i < 500; i++) {
            boolean spike = i == spikeAt[0] || i == spikeAt[1] || i == spikeAt[2];
            double e = spike ? 5.0 + i / 1000.0 : Math.abs(0.1 * random.nextGaussian());
            history.add(e);
            noiseMax = spike ? noiseMax : Math.max(noiseMax, (float) e);
        }
        double eps = DynamicThreshold.epsilon(history);
        assertTrue(eps > noiseMax, "eps " + eps + " should clear the largest noise error " + noiseMax);
        assertTrue(eps < 5.0, "eps " + eps + " should stay below the smallest spike 5.1");
        int above = 0;
        for (float e : history.toArray()) {
            above += e >= eps ? 1 : 0;
        }
        assertEquals(spikeAt.length, above, "exactly the spikes are at or above eps " + eps);
    }

    @Test
    void aContiguousBurstIsCutOutWhole() {
        ErrorHistory history = ErrorHistory.empty(400);
        Random random = new Random(11);
        for (int i = 0; i < 400; i++) {
            history.add(i >= 200 && i < 206 ? 3.0 : Math.abs(0.1 * random.nextGaussian()));
        }
        double eps = DynamicThreshold.epsilon(history);
        assertTrue(eps > 0.5 && eps <= 3.0, "eps " + eps + " should separate the burst at 3.0 from the noise");
    }

    @Test
    void calibratedUntilTheHistoryIsLongEnough() {
        ErrorHistory history = ErrorHistory.of(noise(9, 3).toArray(), 20);
        assertEquals(0.8, DynamicThreshold.threshold(0.8, history, 10, 0.5), 0.0,
                "9 errors of the 10 needed: the calibrated threshold stands");
        history.add(0.05);
        double adapted = DynamicThreshold.threshold(0.08, history, 10, 0.0);
        assertEquals(DynamicThreshold.epsilon(history), adapted, 0.0, "10 errors: the series' own eps takes over");
    }

    @Test
    void adaptedThresholdIsFlooredAtAFractionOfTheCalibratedOne() {
        ErrorHistory history = noise(200, 5);
        double eps = DynamicThreshold.epsilon(history);
        assertTrue(eps < 0.5, "noise of 0.1 should give an eps well below 0.5, got " + eps);
        assertEquals(0.5, DynamicThreshold.threshold(1.0, history, 32, 0.5), 0.0,
                "eps " + eps + " is below half the calibrated 1.0, so the floor 0.5 applies");
        assertEquals(eps, DynamicThreshold.threshold(1.0, history, 32, 0.01), 0.0,
                "a floor of 0.01 is below eps " + eps + ", so eps applies");
    }

    @Test
    void constantErrorsGiveThatValue() {
        ErrorHistory history = ErrorHistory.of(new float[] {0.3f, 0.3f, 0.3f, 0.3f}, 8);
        assertEquals(0.3f, DynamicThreshold.epsilon(history), 0.0, "sigma 0: eps is the constant error itself");
        assertEquals(0.3f, DynamicThreshold.threshold(0.4, history, 4, 0.5), 0.0,
                "and it is the threshold when above the floor 0.2");
        assertEquals(0.25f, DynamicThreshold.epsilon(ErrorHistory.of(new float[] {0.25f}, 8)), 0.0,
                "a single error is a constant history");
    }

    @Test
    void emptyHistoryHasNoEpsilonButKeepsTheCalibratedThreshold() {
        ErrorHistory empty = ErrorHistory.empty(8);
        assertTrue(Double.isNaN(DynamicThreshold.epsilon(empty)), "no errors, no eps: NaN");
        assertEquals(0.7, DynamicThreshold.threshold(0.7, empty, 1, 0.5), 0.0,
                "an empty history is shorter than any minimum history");
    }

    @Test
    void rejectsBadArgumentsWithTheValue() {
        ErrorHistory history = noise(10, 1);
        IllegalArgumentException minHistory = assertThrows(IllegalArgumentException.class,
                () -> DynamicThreshold.threshold(1.0, history, 0, 0.5));
        assertTrue(minHistory.getMessage().contains("history 0"), minHistory.getMessage());
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> DynamicThreshold.threshold(1.0, history, 1, -0.1));
        assertTrue(fraction.getMessage().contains("-0.1"), fraction.getMessage());
        IllegalArgumentException calibrated = assertThrows(IllegalArgumentException.class,
                () -> DynamicThreshold.threshold(Double.NaN, history, 1, 0.5));
        assertTrue(calibrated.getMessage().contains("NaN"), calibrated.getMessage());
    }

    /** The formula as written, with lists and no shortcuts, to check the single-pass sums and the early stop. */
    static double naiveEpsilon(float[] e) {
        double mu = mean(e);
        double sigma = std(e);
        double best = mu + 10 * sigma;
        double bestCriterion = Double.NEGATIVE_INFINITY;
        for (double z = 2.0; z <= 10.0; z += 0.5) {
            double eps = mu + z * sigma;
            List<Float> below = new ArrayList<>();
            int anomalous = 0;
            int runs = 0;
            for (int i = 0; i < e.length; i++) {
                if (e[i] < eps) {
                    below.add(e[i]);
                } else {
                    anomalous++;
                    runs += i == 0 || e[i - 1] < eps ? 1 : 0;
                }
            }
            if (anomalous == 0) {
                continue;
            }
            float[] b = new float[below.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = below.get(i);
            }
            double criterion = ((mu - mean(b)) / mu + (sigma - std(b)) / sigma) / (anomalous + runs * runs);
            if (criterion >= bestCriterion) {
                bestCriterion = criterion;
                best = eps;
            }
        }
        return best;
    }

    @Test
    void matchesTheFormulaWrittenOutDirectly() {
        Random random = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            ErrorHistory history = ErrorHistory.empty(300);
            for (int i = 0; i < 300 + trial * 7; i++) {
                double e = Math.abs(0.1 * random.nextGaussian());
                history.add(random.nextInt(40) == 0 ? e + random.nextDouble() * 2 : e);
            }
            double expected = naiveEpsilon(history.toArray());
            assertEquals(expected, DynamicThreshold.epsilon(history), 1e-9 * expected,
                    "trial " + trial + ": the fast scan and the written-out formula disagree");
        }
    }

    @Test
    void wrappedHistoryGivesTheSameEpsilonAsItsContents() {
        ErrorHistory wrapped = ErrorHistory.empty(300);
        Random random = new Random(9);
        for (int i = 0; i < 777; i++) {
            wrapped.add(i % 97 == 0 ? 2.0 : Math.abs(0.1 * random.nextGaussian()));
        }
        ErrorHistory straight = ErrorHistory.of(wrapped.toArray(), 300);
        assertEquals(DynamicThreshold.epsilon(straight), DynamicThreshold.epsilon(wrapped), 0.0,
                "where the ring's head sits must not change the result");
    }

    @Test
    void pruningRaisesTheThresholdAboveTheLargestNormalErrorByTheMargin() {
        ErrorHistory history = ErrorHistory.empty(8);
        for (double e : new double[] {0.1, 0.2, 0.8, 0.3, 1.5}) {
            history.add(e);
        }
        assertEquals(1.0, DynamicThreshold.pruned(1.0, history, 0, 0), 0.0, "no margin: unchanged");
        assertEquals(0.8 * 1.5, DynamicThreshold.pruned(1.0, history, 0.5, 0), 1e-6,
                "1.5 x the largest error below the threshold (0.8); 1.5 itself is above it and does not count");
        assertEquals(1.0, DynamicThreshold.pruned(1.0, history, 0.1, 0), 0.0,
                "a margin that stays below the threshold leaves it");
        assertEquals(2.0, DynamicThreshold.pruned(1.0, history, 0.5, 2.0), 0.0, "the absolute floor wins");
        assertEquals(0.7, DynamicThreshold.pruned(0.7, ErrorHistory.empty(4), 0.5, 0), 0.0, "no history: unchanged");
    }

    /** Smoothed errors of a steadily varying series: about 1.0, give or take 0.05. */
    static ErrorHistory steady(int n, long seed) {
        Random random = new Random(seed);
        ErrorHistory history = ErrorHistory.empty(n);
        for (int i = 0; i < n; i++) {
            history.add(1.0 + 0.05 * random.nextGaussian());
        }
        return history;
    }

    @Test
    void aSteadySeriesGetsALowThresholdBelowItsUsualErrors() {
        ErrorHistory history = steady(1000, 3);
        float[] errors = history.toArray();
        double mu = mean(errors);
        double sigma = std(errors);
        LowThreshold low = DynamicThreshold.low(0.2, history, 100, 0);
        assertTrue(low.bound() <= mu - 2 * sigma + 1e-9 && low.bound() >= mu - 10 * sigma - 1e-9,
                "bound " + low.bound() + " outside [mu - 10 sigma, mu - 2 sigma] = [" + (mu - 10 * sigma) + ", "
                        + (mu - 2 * sigma) + "]");
        assertEquals(mu, low.mean(), 1e-9, "the mean the bound was mirrored about");
        assertTrue(low.stayedBelow(0.2, history, 1), "0.2 against errors of about 1.0 is unusually low");
        assertTrue(low.score(0.2) > 0.5, "a low anomaly scores above 0.5: " + low.score(0.2));
        assertTrue(low.score(low.bound() + 0.01) < 0.5, "just above the bound scores below 0.5");
        assertEquals(0.5, low.score(low.bound()), 1e-12, "exactly 0.5 at the bound");
    }

    @Test
    void theLowThresholdIsTheThresholdOfTheMirroredErrors() {
        ErrorHistory history = steady(600, 5);
        float[] errors = history.toArray();
        double mu = mean(errors);
        ErrorHistory mirrored = ErrorHistory.empty(errors.length);
        for (float e : errors) {
            mirrored.add(2 * mu - e);
        }
        assertEquals(2 * mu - DynamicThreshold.epsilon(mirrored), DynamicThreshold.low(0.0, history, 1, 0).bound(),
                1e-5, "low bound = 2 mu - epsilon of (2 mu - e)");
    }

    @Test
    void aLowRunMustLastTheGivenSteps() {
        ErrorHistory history = steady(1000, 4);
        LowThreshold low = DynamicThreshold.low(0.1, history, 100, 0);
        assertFalse(low.stayedBelow(0.1, history, 3), "the errors held before this one were not low");
        history.add(0.1);
        assertFalse(low.stayedBelow(0.1, history, 3), "two low steps of three");
        history.add(0.1);
        assertTrue(low.stayedBelow(0.1, history, 3), "three low steps in a row");
        assertFalse(low.stayedBelow(1.0, history, 3), "the current error is not low");
    }

    @Test
    void noLowThresholdWhereNothingCanBeUnusuallyLow() {
        ErrorHistory steady = steady(1000, 6);
        assertTrue(Double.isNaN(DynamicThreshold.low(0.1, steady, 1001, 0).bound()), "history too short");
        assertTrue(Double.isNaN(DynamicThreshold.low(0.1, steady, 100, 1.5).bound()),
                "usual errors (about 1.0) below the threshold's floor (1.5): too quiet for a low error to count");
        assertFalse(Double.isNaN(DynamicThreshold.low(0.1, steady, 100, 0.5).bound()), "a floor below them: applies");
        assertTrue(Double.isNaN(DynamicThreshold.low(1.5, steady, 100, 0).bound()),
                "an error above the mean is not low, whatever the bound");
        ErrorHistory equal = ErrorHistory.empty(100);
        for (int i = 0; i < 100; i++) {
            equal.add(0.5);
        }
        assertTrue(Double.isNaN(DynamicThreshold.low(0.1, equal, 1, 0).bound()), "all errors equal: no spread");
        ErrorHistory spiky = ErrorHistory.empty(1000);
        for (int i = 0; i < 1000; i++) {
            spiky.add(i % 100 == 0 ? 5.0 : 0.001);
        }
        LowThreshold none = DynamicThreshold.low(0.0, spiky, 1, 0);
        assertTrue(Double.isNaN(none.bound()),
                "errors near zero with rare spikes: the bound would be below 0, found " + none.bound());
        assertFalse(none.stayedBelow(0.0, spiky, 1), "nothing is below no bound");
    }
}
