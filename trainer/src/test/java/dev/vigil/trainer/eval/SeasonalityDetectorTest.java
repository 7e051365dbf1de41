package dev.vigil.trainer.eval;

import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.Series;
import dev.vigil.trainer.data.SyntheticHistory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SeasonalityDetectorTest {

    @Test
    void findsTheSeasonOfSeasonalSeries() {
        History history = new SyntheticHistory(4, 2000, 36, 0.2, 60_000, 3, false).generate();
        assertEquals(36, SeasonalityDetector.detect(history, 0, 0.7, 200), "period of the generated cycle");
    }

    @Test
    void findsNoSeasonInWhiteNoise() {
        SplittableRandom random = new SplittableRandom(1);
        long[] ts = new long[1000];
        double[] values = new double[1000];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = i * 1000L;
            values[i] = random.nextDouble();
        }
        History noise = new History("noise", List.of("value"), List.of(new Series("n", ts, values, 1)), 1000);
        assertEquals(0, SeasonalityDetector.detect(noise, 0, 0.7, 200), "white noise has no season");
    }
}
