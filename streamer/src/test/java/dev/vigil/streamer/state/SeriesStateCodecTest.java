package dev.vigil.streamer.state;

import dev.vigil.scaling.WindowStats;
import dev.vigil.streamer.scoring.AlertState;
import dev.vigil.streamer.scoring.Severity;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesStateCodecTest {

    final SeriesStateCodec codec = new SeriesStateCodec(4, 2, 3, 1, 8);

    @Test
    void roundTripKeepsEveryField() {
        SeriesState s = codec.fresh();
        for (int i = 0; i < 6; i++) {
            s.append(1000L * i, new double[] {i, -i}, i == 3);
        }
        s.setForecast(5000, new double[] {1.5, 2.5, 3.5}, new double[] {0.25});
        s.smoothedError(0.75);
        s.errors().add(0.5);
        s.errors().add(0.75);
        s.alert(new AlertState(true, 4, 1, "web-1:3000", Severity.MAJOR, 3000, 0.9));
        s.labels(Map.of("dc", "eu"), 4);

        SeriesState back = codec.decode(codec.encode(s));

        double[] window = new double[8];
        back.copyWindow(window, 0);
        assertArrayEquals(new double[] {2, -2, 3, -3, 4, -4, 5, -5}, window, "the last 4 steps, oldest first");
        assertTrue(back.filled[(back.head + 1) % 4], "the filled mark of step 3 survives");
        assertEquals(5000, back.lastTs());
        assertEquals(5000, back.forecastOrigin());
        assertEquals(2.5, back.forecast(1));
        assertEquals(0.25, back.forecastScale(0));
        assertEquals(0.75, back.smoothedError());
        assertArrayEquals(new float[] {0.5f, 0.75f}, back.errors().toArray());
        assertEquals(s.alert(), back.alert());
        assertEquals(Map.of("dc", "eu"), back.labels());
        assertTrue(back.warm());
    }

    @Test
    void aStateAwaitsAForecastOnlyWhenWarmAndItsForecastIsOlderThanItsNewestPoint() {
        SeriesState s = codec.fresh();
        for (int i = 0; i < 3; i++) {
            s.append(1000L * i, new double[] {i, -i}, false);
        }
        assertFalse(codec.awaitsForecast(codec.encode(s)), "a series still warming up gets no forecast");
        s.append(3000, new double[] {3, -3}, false);
        assertTrue(codec.awaitsForecast(codec.encode(s)), "warm, never forecast");
        s.setForecast(3000, new double[] {1, 2, 3}, new double[] {1});
        assertFalse(codec.awaitsForecast(codec.encode(s)), "forecast from its newest point");
        s.append(4000, new double[] {4, -4}, false);
        assertTrue(codec.awaitsForecast(codec.encode(s)), "a point arrived after the forecast");

        SeriesStateCodec otherWindow = new SeriesStateCodec(5, 2, 3, 1, 8);
        assertFalse(otherWindow.awaitsForecast(codec.encode(s)), "a state this codec would not decode");
        assertFalse(codec.awaitsForecast(null), "no state");
        assertFalse(codec.awaitsForecast(new byte[] {3, 0}), "a truncated state");
    }

    @Test
    void roundTripKeepsTheCarriedLstmStateAndItsScaling() {
        SeriesState s = codec.fresh();
        for (int i = 0; i < 4; i++) {
            s.append(1000L * i, new double[] {i, 10 + i}, false);
        }
        WindowStats frozen = new WindowStats(new double[] {1.5, 11.5}, new double[] {2, 4});
        s.lstm(2000, 42, new float[] {9, 0.5f, -0.25f, 1, 2, 9}, 1, 4, frozen);
        s.lstm(3000, 42, new float[] {0.75f, -1, 0.5f, 0.125f}, 0, 4, null);

        SeriesState back = codec.decode(codec.encode(s));

        assertArrayEquals(new float[] {0.75f, -1, 0.5f, 0.125f}, back.lstm());
        assertEquals(3000, back.lstmTs());
        assertEquals(42, back.lstmModel());
        assertEquals(1, back.stepsSinceDerive(), "one step advanced since the derivation");
        assertArrayEquals(frozen.mean(), back.stepStats().mean(), "a step keeps the derivation's scaling");
        assertArrayEquals(frozen.scale(), back.stepStats().scale());
        float[] step = new float[2];
        back.scaleNewestStep(step, 0);
        assertArrayEquals(new float[] {(3 - 1.5f) / 2, (13 - 11.5f) / 4}, step, "the newest step, frozen scaling");
    }

    @Test
    void aStateWrittenBeforeStatefulServingDecodesWithoutLstmState() {
        SeriesState s = codec.fresh();
        for (int i = 0; i < 4; i++) {
            s.append(1000L * i, new double[] {i, -i}, false);
        }
        s.lstm(3000, 1, new float[4], 0, 4, new WindowStats(new double[2], new double[] {1, 1}));
        byte[] current = codec.encode(s);
        // the version 2 layout is the version 3 one without the trailing LSTM section
        int lstmSection = 8 + 4 + 4 + 4 + 4 * 4 + 2 * 16;
        byte[] version2 = java.util.Arrays.copyOf(current, current.length - lstmSection);
        version2[0] = 2;

        SeriesState back = codec.decode(version2);

        assertTrue(back.warm(), "the window survives");
        assertEquals(SeriesState.NONE, back.lstmTs(), "no carried state: the next forecast derives it");
        assertEquals(0, back.lstm().length);
    }

    @Test
    void restartingTheWarmUpForgetsTheCarriedState() {
        SeriesState s = codec.fresh();
        s.lstm(3000, 1, new float[4], 0, 4, new WindowStats(new double[2], new double[] {1, 1}));
        s.restartWarmUp();
        assertEquals(SeriesState.NONE, s.lstmTs());
    }

    @Test
    void warmUpCopiesOnlyTheHeldSteps() {
        SeriesState s = codec.fresh();
        s.append(0, new double[] {7, 8}, false);
        SeriesState back = codec.decode(codec.encode(s));
        assertEquals(1, back.count());
        assertFalse(back.warm());
        assertEquals(SeriesState.NONE, back.forecastOrigin(), "no forecast yet");
    }

    @Test
    void stateOfAnotherModelShapeStartsOver() {
        SeriesState s = codec.fresh();
        s.append(0, new double[] {1, 2}, false);
        SeriesStateCodec otherWindow = new SeriesStateCodec(6, 2, 3, 1, 8);
        assertEquals(0, otherWindow.decode(codec.encode(s)).count(), "a model with another W restarts the warm-up");
    }

    @Test
    void encodingStaysWithinTheDocumentedBound() {
        SeriesState s = codec.fresh();
        for (int i = 0; i < 4; i++) {
            s.append(i, new double[] {i, i}, false);
        }
        for (int i = 0; i < 20; i++) {
            s.errors().add(i);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            labels.put("key-" + i + "x".repeat(300), "é".repeat(300));
        }
        s.labels(labels, 4);
        String id = "series-with-a-long-name:1767225600000";
        s.alert(new AlertState(true, 3, 0, id, Severity.CRITICAL, 1, 1));
        s.lstm(3, 7, new float[16], 0, 16, new WindowStats(new double[] {1, 2}, new double[] {1, 1}));
        int size = codec.encode(s).length;
        int bound = codec.maxSize("series-with-a-long-name".length(), 4, 16);
        assertTrue(size <= bound, "encoded " + size + " bytes, documented bound " + bound);
        assertEquals(4, s.labels().size(), "labels beyond the maximum are dropped");
        s.labels().forEach((k, v) -> assertTrue(k.length() <= SeriesState.MAX_LABEL_LENGTH
                && v.length() <= SeriesState.MAX_LABEL_LENGTH, "labels are cut"));
    }
}
