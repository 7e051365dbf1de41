package dev.vigil.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InputPointsTest {

    @Test
    void fixedFourDecimalsReadAsFormatWritesThem() {
        Random random = new Random(7);
        for (int n = 0; n < 100_000; n++) {
            double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(8));
            StringBuilder fast = new StringBuilder();
            InputPoints.appendFixed4(fast, v);
            String expected = String.format(Locale.ROOT, "%.4f", v);
            if (expected.equals("-0.0000")) {
                expected = "0.0000"; // the one documented difference: no negative zero
            }
            assertEquals(expected, fast.toString(), "value " + v);
        }
    }

    @Test
    void seriesIndexReadsBackEveryId() {
        for (int index : new int[] {0, 7, 1234, 9_999_999, 12_345_678}) {
            byte[] key = InputPoints.seriesId(index).getBytes(StandardCharsets.UTF_8);
            assertEquals(index, InputPoints.seriesIndex(key), InputPoints.seriesId(index));
        }
        for (String other : new String[] {"bench-12", "bench-00000x1", "other-0000001", "bench+0000001", ""}) {
            assertEquals(-1, InputPoints.seriesIndex(other.getBytes(StandardCharsets.UTF_8)), other);
        }
        assertEquals(-1, InputPoints.seriesIndex(null), "no key");
    }
}
