package dev.vigil.streamer.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.it.TrainedModel;
import dev.vigil.testsupport.KafkaTestCluster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves that the streamer loses nothing across repeated SIGKILLs: the streamer runs in a process of its own, is
 * killed three times while points for many series are written (once while an injected anomaly is open), and every
 * new process starts with an empty state directory, so its state comes back from the changelog topics. Checked:
 * every point is scored (at least once, or exactly once with {@code exactly_once_v2}), no series warms up again, and
 * the anomaly open across a kill keeps its event id.
 *
 * <p>CI-sized by default ({@value #CI_POINTS} points per guarantee); {@code -D}{@value #POINTS_PROPERTY}{@code =200000}
 * runs the full volume. The figures (kills, time to catch up, duplicates) are printed.
 */
class CrashLoopIT {

    static final String POINTS_PROPERTY = "vigil.reliability.points";
    static final long CI_POINTS = 20_000;

    @TempDir
    static Path modelDir;
    static Path modelFile;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainModel() {
        modelFile = TrainedModel.train(modelDir);
    }

    @Test
    void atLeastOnceScoresEveryPointAndKeepsStateAcrossKills() throws Exception {
        CrashLoopTraffic traffic = traffic();
        CrashLoopScenario.Outcome outcome = run(StreamsConfig.AT_LEAST_ONCE, traffic);
        CrashLoopScores scores = new CrashLoopScores(traffic, outcome.scores());
        report(StreamsConfig.AT_LEAST_ONCE, traffic, outcome, scores);

        List<String> missing = scores.missing(TrainedModel.WINDOW);
        assertTrue(missing.isEmpty(), missing.size() + " points without their score: "
                + CrashLoopScores.firstFew(missing));
        assertCommonGuarantees(traffic, outcome, scores);
        Map<String, Long> reasons = deadLetterReasons(outcome);
        assertTrue(Set.of("duplicate-timestamp", "late-timestamp").containsAll(reasons.keySet()),
                "only points replayed after a kill are dead-lettered: " + reasons);
    }

    @Test
    void exactlyOnceCommitsOneScorePerPointAcrossKills() throws Exception {
        CrashLoopTraffic traffic = traffic();
        CrashLoopScenario.Outcome outcome = run(StreamsConfig.EXACTLY_ONCE_V2, traffic);
        CrashLoopScores scores = new CrashLoopScores(traffic, outcome.scores());
        report(StreamsConfig.EXACTLY_ONCE_V2, traffic, outcome, scores);

        List<String> wrong = scores.notExactlyOnce();
        assertTrue(wrong.isEmpty(), wrong.size() + " points without exactly one committed score: "
                + CrashLoopScores.firstFew(wrong));
        assertEquals(traffic.points(), scores.total(), "one committed score record per point");
        assertTrue(scores.missing(TrainedModel.WINDOW).isEmpty(), "every point after the warm-up is scored");
        assertCommonGuarantees(traffic, outcome, scores);
        assertEquals(Map.of(), deadLetterReasons(outcome), "no committed dead letter: nothing is replayed");
    }

    /** The points asked for, written over 40 s, or at 2,000 points a second when there are more. */
    private CrashLoopTraffic traffic() {
        long points = Long.getLong(POINTS_PROPERTY, CI_POINTS);
        return new CrashLoopTraffic(points, (int) Math.max(40, points / 2_000));
    }

    private CrashLoopScenario.Outcome run(String guarantee, CrashLoopTraffic traffic) throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            return new CrashLoopScenario(kafka, modelFile, dir, guarantee, traffic).run();
        }
    }

    /** No record for an unknown point, no series warms up again, the anomaly open across a kill keeps its id. */
    private static void assertCommonGuarantees(CrashLoopTraffic traffic, CrashLoopScenario.Outcome outcome,
                                               CrashLoopScores scores) {
        assertTrue(scores.unexpected().isEmpty(), "scores for points never written: " + scores.unexpected());
        List<String> restarts = scores.warmUpRestarts();
        assertTrue(restarts.isEmpty(), restarts.size() + " warm-ups restarted after a kill (state not restored): "
                + CrashLoopScores.firstFew(restarts));

        assertEquals(Set.copyOf(traffic.shifted), outcome.openAtShiftKill().keySet(),
                "the injected anomaly was open on every shifted series when the streamer was killed");
        Map<String, List<JsonNode>> events = shiftEvents(traffic, outcome);
        for (String series : traffic.shifted) {
            List<JsonNode> own = events.getOrDefault(series, List.of());
            String id = outcome.openAtShiftKill().get(series);
            assertEquals(Set.of(id), own.stream().map(e -> e.get("eventId").asText()).collect(Collectors.toSet()),
                    series + ": every event of the injected anomaly carries the id it had before the kill: " + own);
            assertTrue(own.stream().anyMatch(e -> e.get("type").asText().equals("OPENED")), series + ": opened");
            assertTrue(own.stream().anyMatch(e -> e.get("type").asText().equals("RESOLVED")),
                    series + ": resolved by an instance that restored it from the changelog: " + own);
        }
    }

    /** Events of the shifted series whose anomaly opened during the shift, by series. */
    private static Map<String, List<JsonNode>> shiftEvents(CrashLoopTraffic traffic,
                                                           CrashLoopScenario.Outcome outcome) {
        return outcome.anomalies().stream().filter(r -> traffic.shifted.contains(r.key()))
                .map(r -> CrashLoopTopics.json(r.value()))
                .filter(e -> e.get("openedAt").asLong() >= traffic.shiftStartTs()
                        && e.get("openedAt").asLong() < traffic.shiftEndTs())
                .collect(Collectors.groupingBy(e -> e.get("series").asText(), TreeMap::new, Collectors.toList()));
    }

    private static Map<String, Long> deadLetterReasons(CrashLoopScenario.Outcome outcome) {
        return outcome.deadLetters().stream().collect(Collectors.groupingBy(r -> {
            Header reason = r.headers().lastHeader("vigil.error.reason");
            return reason == null ? "(none)" : new String(reason.value(), StandardCharsets.UTF_8);
        }, TreeMap::new, Collectors.counting()));
    }

    /** Prints the figures of the loop, before anything is asserted. */
    private static void report(String guarantee, CrashLoopTraffic traffic, CrashLoopScenario.Outcome outcome,
                               CrashLoopScores scores) {
        boolean transactional = guarantee.equals(StreamsConfig.EXACTLY_ONCE_V2);
        List<String> lines = new ArrayList<>();
        lines.add(format("crash loop, %s: %d points (%d series x %d steps), %d partitions, %d kills (SIGKILL), "
                        + "%d restarts with an empty state directory", guarantee, traffic.points(), traffic.seriesCount,
                traffic.steps, CrashLoopScenario.PARTITIONS, outcome.kills().size(), outcome.kills().size()));
        for (CrashLoopScenario.Kill k : outcome.kills()) {
            String line = format("  kill %d (%s): %d points written, %d committed; running again after %.1f s, "
                            + "caught up with the points written before the kill after %.1f s", k.n(), k.moment(),
                    k.inputAtKill(), k.committedAtKill(), seconds(k.runningAfterMs()), seconds(k.caughtUpAfterMs()));
            if (transactional) {
                line += format("; scores written before the kill readable (read_committed) after %.1f s",
                        seconds(k.readableAfterMs()));
            }
            lines.add(line);
        }
        lines.add(format("  caught up %.1f s after the last point was written; whole loop %.1f s",
                seconds(outcome.finalCatchUpMs()), seconds(outcome.totalMs())));
        if (transactional) {
            lines.add(format("  outputs stable (no open transaction) %.1f s after the last point was written; "
                    + "score records in aborted transactions (not read): %d", seconds(outcome.stableMs()),
                    outcome.uncommittedScores()));
        }
        lines.add(format("  score records: %d for %d points: %d duplicates, %d points missing; dead letters: %s",
                scores.total(), traffic.points(), scores.duplicates(), scores.missing(TrainedModel.WINDOW).size(),
                deadLetterReasons(outcome)));
        long opened = shiftEvents(traffic, outcome).values().stream().flatMap(List::stream)
                .filter(e -> e.get("type").asText().equals("OPENED")).count();
        lines.add(format("  injected anomaly open across kill 2 on %d series (%s); its OPENED events: %d",
                outcome.openAtShiftKill().size(), String.join(", ", outcome.openAtShiftKill().values()), opened));
        lines.forEach(System.out::println);
    }

    private static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }
}
