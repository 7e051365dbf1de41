package dev.vigil.streamer.scoring;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertLifecycleTest {

    static final String SERIES = "host-1/cpu";
    static final long STEP = 60_000;

    final AlertLifecycle lifecycle = new AlertLifecycle(3, 4);

    /** Steps through points at t = 0, 1, 2, ... minutes; null = normal, else the point's severity. */
    final class Run {
        AlertState state = AlertState.initial();
        long step;
        final List<String> events = new ArrayList<>();

        EventType next(Severity severity) {
            double score = severity == null ? 0.2 : 0.6 + 0.1 * severity.ordinal();
            AlertTransition t = lifecycle.step(state, SERIES, step * STEP, severity != null, score, severity);
            if (t.event() != null) {
                events.add(t.event() + "@" + step + ":" + t.next().anomalyId() + ":" + t.next().severity());
            }
            state = t.next();
            step++;
            return t.event();
        }

        Run steps(Severity... severities) {
            for (Severity s : severities) {
                next(s);
            }
            return this;
        }
    }

    static final Severity N = null;
    static final Severity MINOR = Severity.MINOR;
    static final Severity MAJOR = Severity.MAJOR;
    static final Severity CRITICAL = Severity.CRITICAL;

    @Test
    void aSingleSpikeDoesNotOpen() {
        Run run = new Run().steps(N, CRITICAL, N, N, N, N);
        assertTrue(run.events.isEmpty(), "one anomalous step of the 3 needed raised " + run.events);
        assertEquals(AlertState.initial(), run.state, "and left nothing pending");
    }

    @Test
    void threeConsecutiveAnomalousStepsOpenWithTheIdOfTheFirst() {
        Run run = new Run().steps(N, N, MINOR);
        assertNull(run.next(MAJOR), "two anomalous steps of the 3 needed do not open");
        assertEquals(EventType.OPENED, run.next(MINOR), "the third consecutive anomalous step opens");
        assertTrue(run.state.open(), "open after step 4");
        assertEquals(SERIES + ":" + 2 * STEP, run.state.anomalyId(), "the id names the run's first step (t = 2 min)");
        assertEquals(2 * STEP, run.state.openedAtMillis(), "opened at the run's first step");
        assertEquals(MAJOR, run.state.severity(), "severity is the highest of the run so far");
        assertEquals(0.7, run.state.peakScore(), 1e-12, "peak score is the highest of the run so far");
    }

    @Test
    void aNormalStepInTheRunStartsTheCountAgain() {
        Run run = new Run().steps(MINOR, MINOR, N, MINOR, MINOR);
        assertTrue(run.events.isEmpty(), "2 + 2 anomalous steps with a gap raise nothing: " + run.events);
        assertEquals(EventType.OPENED, run.next(MINOR), "the third after the gap opens");
        assertEquals(SERIES + ":" + 3 * STEP, run.state.anomalyId(), "with the id of the first step after the gap");
    }

    @Test
    void escalationEmitsOneUpdatePerHigherSeverity() {
        Run run = new Run().steps(MINOR, MINOR, MINOR);
        assertEquals(EventType.UPDATED, run.next(MAJOR), "MINOR -> MAJOR escalates");
        assertNull(run.next(MAJOR), "MAJOR again is not news");
        assertEquals(EventType.UPDATED, run.next(CRITICAL), "MAJOR -> CRITICAL escalates");
        assertEquals(CRITICAL, run.state.severity());
        assertEquals(SERIES + ":0", run.state.anomalyId(), "escalation keeps the anomaly's id");
        assertEquals(List.of("OPENED@2:" + SERIES + ":0:MINOR", "UPDATED@3:" + SERIES + ":0:MAJOR",
                "UPDATED@5:" + SERIES + ":0:CRITICAL"), run.events, "one event per change, no storm");
    }

    @Test
    void sameSeverityEmitsNothing() {
        Run run = new Run().steps(MAJOR, MAJOR, MAJOR);
        for (int i = 0; i < 20; i++) {
            assertNull(run.next(MAJOR), "step " + run.step + ": an unchanged severity emits no event");
        }
        assertEquals(1, run.events.size(), "only the OPENED event: " + run.events);
        assertEquals(23, run.state.overCount(), "every anomalous step of the anomaly is counted");
    }

    @Test
    void deEscalationEmitsNothingAndKeepsThePeakSeverity() {
        Run run = new Run().steps(CRITICAL, CRITICAL, CRITICAL);
        assertNull(run.next(MAJOR), "CRITICAL -> MAJOR does not de-escalate");
        assertNull(run.next(MINOR), "CRITICAL -> MINOR does not de-escalate");
        assertEquals(CRITICAL, run.state.severity(), "the anomaly keeps its highest severity");
        assertEquals(0.8, run.state.peakScore(), 1e-12, "and its peak score");
    }

    @Test
    void resolvesAfterExactlyTheQuietSteps() {
        Run run = new Run().steps(MINOR, MINOR, MINOR, N, N, N);
        assertTrue(run.state.open(), "3 quiet steps of the 4 needed keep it open");
        assertEquals(3, run.state.quietCount());
        AlertState before = run.state;
        assertEquals(EventType.RESOLVED, run.next(N), "the 4th quiet step resolves");
        assertEquals(AlertState.initial(), run.state, "resolved goes back to the initial state");
        assertEquals(SERIES + ":0", before.anomalyId(), "the state before the step names the resolved anomaly");
    }

    @Test
    void anAnomalousStepDuringTheQuietPeriodRestartsIt() {
        Run run = new Run().steps(MINOR, MINOR, MINOR, N, N, N, MINOR);
        assertEquals(0, run.state.quietCount(), "an anomalous step resets the quiet count");
        run.steps(N, N, N);
        assertTrue(run.state.open(), "3 quiet steps after the reset are not enough");
        assertEquals(EventType.RESOLVED, run.next(N), "the 4th quiet step after the reset resolves");
        assertEquals(List.of("OPENED@2:" + SERIES + ":0:MINOR", "RESOLVED@10:null:null"), run.events);
    }

    @Test
    void idsAreStableAcrossIdenticalRuns() {
        Severity[] input = {N, MAJOR, MINOR, MAJOR, N, N, N, N, N, CRITICAL, CRITICAL, CRITICAL, N, N, N, N};
        Run first = new Run().steps(input);
        Run replay = new Run().steps(input);
        assertEquals(first.events, replay.events, "replaying the same points gives the same events and ids");
        assertEquals(List.of("OPENED@3:" + SERIES + ":" + STEP + ":MAJOR", "RESOLVED@7:null:null",
                "OPENED@11:" + SERIES + ":" + 9 * STEP + ":CRITICAL", "RESOLVED@15:null:null"), first.events);
    }

    @Test
    void opensOnTheFirstAnomalousStepWhenAskedTo() {
        AlertTransition t = new AlertLifecycle(1, 1).step(AlertState.initial(), SERIES, 5, true, 0.9, MAJOR);
        assertEquals(EventType.OPENED, t.event(), "openAfterSteps 1 opens at once");
        assertEquals(SERIES + ":5", t.next().anomalyId());
    }

    @Test
    void rejectsBadSettingsAndInputs() {
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class, () -> new AlertLifecycle(0, 1));
        assertTrue(open.getMessage().contains("open after 0"), open.getMessage());
        IllegalArgumentException quiet = assertThrows(IllegalArgumentException.class, () -> new AlertLifecycle(1, 0));
        assertTrue(quiet.getMessage().contains("resolve after 0"), quiet.getMessage());
        IllegalArgumentException severity = assertThrows(IllegalArgumentException.class,
                () -> lifecycle.step(AlertState.initial(), SERIES, 0, true, 0.9, null));
        assertTrue(severity.getMessage().contains("without a severity"), severity.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AlertState(true, 1, 0, null, MINOR, 0, 0.6),
                "an open state needs an id");
        assertFalse(AlertState.initial().open(), "the initial state is closed");
    }
}
