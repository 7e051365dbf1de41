package dev.vigil.streamer.metrics;

import dev.vigil.streamer.output.ScoreRecord;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static dev.vigil.streamer.metrics.MeterFixtures.scored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-series gauges exist only for the allow-list or the top N series by score, and leave with their series. */
class SeriesMetersTest {

    private static final List<String> SERIES_METERS = List.of("vigil.series.actual", "vigil.series.expected",
            "vigil.series.lower", "vigil.series.upper", "vigil.series.score");

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = MeterFixtures.registry(clock);

    @Test
    void theTopSeriesGetGaugesAndThoseThatDropOutLoseThem() {
        VigilMeters meters = MeterFixtures.bound(registry, MeterFixtures.series(List.of(), 3));
        for (int i = 0; i < 10; i++) {
            meters.scored(scored("s" + i, 0, i / 10.0));
        }
        assertEquals(Set.of("s0", "s1", "s2"), tracked(), "the first 3 series get meters at once; the others wait "
                + "for the next ranking");
        clock.add(SeriesMeters.RANK_INTERVAL);
        meters.scored(scored("s0", 60_000, 0.0));
        assertEquals(Set.of("s7", "s8", "s9"), tracked());
        assertEquals(0.9, registry.get("vigil.series.score").tag("series", "s9").gauge().value(), 1e-9);
        Gauge upper = registry.get("vigil.series.upper").tags("series", "s9", "target", "value").gauge();
        assertEquals(12.0, upper.value(), 1e-9);

        meters.scored(scored("s1", 60_000, 0.99));
        clock.add(SeriesMeters.RANK_INTERVAL);
        meters.scored(scored("s9", 120_000, 0.95));
        assertEquals(Set.of("s1", "s8", "s9"), tracked(), "s1 climbed in, s7 dropped out");
        assertEquals(0.95, registry.get("vigil.series.score").tag("series", "s9").gauge().value(), 1e-9);
        for (String name : SERIES_METERS) {
            assertTrue(registry.find(name).tag("series", "s7").meters().isEmpty(), name + " of s7 is removed");
        }
    }

    @Test
    void neverMoreThanNSeriesHaveGauges() {
        VigilMeters meters = MeterFixtures.bound(registry, MeterFixtures.series(List.of(), 5));
        Random random = new Random(7);
        for (int step = 0; step < 2_000; step++) {
            meters.scored(scored("s" + random.nextInt(500), step, random.nextDouble()));
            if (step % 50 == 0) {
                clock.add(SeriesMeters.RANK_INTERVAL);
            }
            assertTrue(tracked().size() <= 5, "at most 5 series at step " + step + ": " + tracked());
        }
        assertEquals(5, tracked().size());
        assertEquals(5 * 5, SERIES_METERS.stream().mapToInt(n -> registry.find(n).meters().size()).sum(),
                "4 gauges per target (1 target) and a score per series");
    }

    @Test
    void anAllowListWinsOverTheTopN() {
        VigilMeters meters = MeterFixtures.bound(registry, MeterFixtures.series(List.of("a", "b"), 3));
        meters.scored(ScoreRecord.warmingUp("a", 0, 1, 8, MeterFixtures.VERSION));
        assertEquals(Set.of(), tracked(), "gauges appear with the first scored point");
        meters.scored(scored("a", 0, 0.1));
        meters.scored(scored("c", 0, 0.99));
        clock.add(SeriesMeters.RANK_INTERVAL);
        meters.scored(scored("c", 60_000, 0.99));
        meters.scored(scored("b", 0, 0.2));
        assertEquals(Set.of("a", "b"), tracked());
        assertEquals(0.1, registry.get("vigil.series.score").tag("series", "a").gauge().value(), 1e-9);
    }

    @Test
    void topZeroWithoutAnAllowListMeansNoPerSeriesMeters() {
        VigilMeters meters = MeterFixtures.bound(registry, MeterFixtures.series(List.of(), 0));
        meters.scored(scored("a", 0, 0.9));
        clock.add(SeriesMeters.RANK_INTERVAL);
        meters.scored(scored("a", 60_000, 0.9));
        assertEquals(Set.of(), tracked());
    }

    private Set<String> tracked() {
        Set<String> series = new TreeSet<>();
        for (Meter meter : registry.find("vigil.series.score").meters()) {
            series.add(meter.getId().getTag("series"));
        }
        return series;
    }
}
