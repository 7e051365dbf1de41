package dev.vigil.streamer.metrics;

import dev.vigil.streamer.inference.ExecutionProvider;
import dev.vigil.streamer.output.DeadLetters;
import dev.vigil.streamer.output.ScoreRecord;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.vigil.streamer.metrics.MeterFixtures.scored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each hook of the topology moves the right meter. */
class VigilMetersTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = MeterFixtures.registry(clock);
    private final VigilMeters meters = MeterFixtures.bound(registry, MeterFixtures.series(List.of(), 0));

    @Test
    void recordsInCount() {
        meters.recordIn();
        meters.recordIn();
        assertEquals(2, registry.get("vigil.records.in").counter().count());
    }

    @Test
    void everyDeadLetterReasonExistsAtZeroAndCountsItsOwnRecords() {
        for (DeadLetters.Reason reason : DeadLetters.Reason.values()) {
            assertEquals(0, deadLettered(reason.code()), reason.code() + " is registered up front");
        }
        meters.deadLettered(DeadLetters.Reason.INVALID_RECORD.code());
        meters.deadLettered(DeadLetters.Reason.INVALID_RECORD.code());
        meters.deadLettered(DeadLetters.Reason.LATE_TIMESTAMP.code());
        assertEquals(2, deadLettered("invalid-record"));
        assertEquals(1, deadLettered("late-timestamp"));
        assertEquals(0, deadLettered("missing-key"));
        assertEquals(DeadLetters.Reason.values().length, registry.find("vigil.records.dead.lettered").counters().size(),
                "one counter per dead-letter reason");
    }

    @Test
    void warmingUpGaugeFollowsStartsAndEndsAndNeverGoesBelowZero() {
        meters.warmUpEnded(); // a series restored mid-warm-up after a restart
        assertEquals(0, warmingUp());
        meters.warmUpStarted();
        meters.warmUpStarted();
        assertEquals(2, warmingUp());
        meters.warmUpEnded();
        meters.warmUpEnded();
        meters.warmUpEnded();
        assertEquals(0, warmingUp());
        meters.warmUpStarted();
        assertEquals(1, warmingUp());
    }

    @Test
    void scoredPointsFeedTheCountersAndDistributions() {
        meters.scored(ScoreRecord.warmingUp("a", clock.wallTime(), 3, 8, MeterFixtures.VERSION));
        meters.scored(scored("a", clock.wallTime(), 0.75));
        meters.scored(scored("b", clock.wallTime(), 0.25));
        assertEquals(2, registry.get("vigil.records.scored").tag("status", "scored").counter().count());
        assertEquals(1, registry.get("vigil.records.scored").tag("status", "warming_up").counter().count());
        DistributionSummary score = registry.get("vigil.anomaly.score").summary();
        assertEquals(2, score.count());
        assertEquals(1.0, score.totalAmount(), 1e-9);
        assertEquals(2, registry.get("vigil.threshold").summary().count());
        assertEquals(5.0, registry.get("vigil.threshold").summary().totalAmount(), 1e-9);
        assertEquals(3.0, registry.get("vigil.scaled.error").summary().totalAmount(), 1e-9);
    }

    @Test
    void eventLagIsWallClockMinusEventTimeAndNeverNegative() {
        clock.add(Duration.ofHours(1));
        long now = clock.wallTime();
        meters.scored(scored("a", now - 5_000, 0.1));
        meters.scored(scored("a", now + 60_000, 0.1)); // a producer clock ahead of ours
        Timer lag = registry.get("vigil.event.lag").timer();
        assertEquals(2, lag.count());
        assertEquals(5.0, lag.totalTime(TimeUnit.SECONDS), 1e-9);
        assertEquals(5.0, lag.max(TimeUnit.SECONDS), 1e-9);
    }

    @Test
    void batchesRecordTheirSizeAndLatency() {
        meters.batch(16, 2_000_000);
        meters.batch(4, 1_000_000);
        assertEquals(2, registry.get("vigil.batch.size").summary().count());
        assertEquals(20, registry.get("vigil.batch.size").summary().totalAmount(), 1e-9);
        assertEquals(3.0, registry.get("vigil.inference.latency").timer().totalTime(TimeUnit.MILLISECONDS), 1e-9);
    }

    @Test
    void stateSeriesSumsTheLatestReportOfEachTaskAndForgetsTasksThatMovedAway() {
        meters.storeSize("0_0", 10);
        meters.storeSize("0_1", 5);
        meters.storeSize("0_0", 12);
        assertEquals(17, stateSeries());
        clock.add(PipelineMeters.STORE_REPORT_MAX_AGE.plusSeconds(1));
        meters.storeSize("0_1", 7); // 0_0 went to another instance and stopped reporting here
        assertEquals(7, stateSeries());
    }

    @Test
    void hooksBeforeBindingDoNothingAndASecondBindingIsRefused() {
        VigilMeters unbound = new VigilMeters(MeterFixtures.SPEC, "v", ExecutionProvider.CPU,
                MeterFixtures.series(List.of(), 10));
        unbound.recordIn();
        unbound.scored(scored("a", 0, 0.9));
        SimpleMeterRegistry other = new SimpleMeterRegistry();
        unbound.bindTo(other);
        assertEquals(0, other.get("vigil.records.in").counter().count());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> unbound.bindTo(registry));
        assertTrue(e.getMessage().contains("already bound"), e.getMessage());
    }

    private double deadLettered(String reason) {
        return registry.get("vigil.records.dead.lettered").tag("reason", reason).counter().count();
    }

    private double warmingUp() {
        return registry.get("vigil.series.warming.up").gauge().value();
    }

    private double stateSeries() {
        return registry.get("vigil.state.series").gauge().value();
    }
}
