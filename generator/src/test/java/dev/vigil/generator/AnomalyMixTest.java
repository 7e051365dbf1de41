package dev.vigil.generator;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnomalyMixTest {

    @Test
    void readsAllNoneListsAndWeights() {
        assertEquals(AnomalyKind.values().length, AnomalyMix.parse("all").weights().size());
        assertTrue(AnomalyMix.parse(" NONE ").isEmpty());
        assertEquals(Map.of(AnomalyKind.SPIKE, 1.0, AnomalyKind.DRIFT, 1.0), AnomalyMix.parse("spike,drift").weights());
        assertEquals(Map.of(AnomalyKind.SPIKE, 3.0, AnomalyKind.LEVEL_SHIFT, 0.5),
                AnomalyMix.parse("spike=3,level_shift=0.5").weights());
        assertEquals(Map.of(AnomalyKind.DROPOUT, 1.0), AnomalyMix.parse("dropout,spike=0").weights(),
                "weight 0 leaves a kind out");
        assertEquals("spike=3.0,drift", AnomalyMix.parse("drift,spike=3").toString());
    }

    @Test
    void badMixesAreRefusedWithTheReason() {
        assertEquals("unknown anomaly kind 'spikes', expected one of spike, level-shift, drift, dropout, variance",
                assertThrows(IllegalArgumentException.class, () -> AnomalyMix.parse("spikes")).getMessage());
        assertEquals("weight of spike: found 'x', expected a number",
                assertThrows(IllegalArgumentException.class, () -> AnomalyMix.parse("spike=x")).getMessage());
        assertEquals("weight of drift: found -1.0, expected a finite number >= 0",
                assertThrows(IllegalArgumentException.class, () -> AnomalyMix.parse("drift=-1")).getMessage());
        assertEquals("spike is named twice in 'spike,spike'",
                assertThrows(IllegalArgumentException.class, () -> AnomalyMix.parse("spike,spike")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AnomalyMix.parse("spike,,drift"))
                .getMessage().startsWith("empty entry"));
    }

    @Test
    void drawsKindsInProportionToTheirWeights() {
        AnomalyMix mix = AnomalyMix.parse("spike=3,dropout=1");
        SplittableRandom random = new SplittableRandom(1);
        Map<AnomalyKind, Integer> counts = new EnumMap<>(AnomalyKind.class);
        for (int i = 0; i < 40_000; i++) {
            counts.merge(mix.draw(random), 1, Integer::sum);
        }
        assertEquals(2, counts.size());
        assertEquals(0.75, counts.get(AnomalyKind.SPIKE) / 40_000.0, 0.01);
    }
}
