package dev.vigil.streamer.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.it.StreamerHarness;
import dev.vigil.streamer.topology.StreamerSettings;
import dev.vigil.testsupport.KafkaTestCluster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The crash loop: a streamer process consumes the {@link CrashLoopTraffic} while it is written, and is killed with
 * SIGKILL three times: when a quarter of the points are written, while the injected anomaly is open on every shifted
 * series, and when four fifths are written. Each time a new process takes over with a new, empty state directory,
 * so its state comes from the changelog topics. When the traffic is written and the last process has caught up,
 * the output topics are read back.
 */
final class CrashLoopScenario {

    static final int PARTITIONS = 4;
    private static final long WAIT_S = 180;

    /**
     * One kill and the restart after it; times in milliseconds from the kill. {@code readableAfterMs}: when the
     * scores written before the kill could be read with {@code read_committed} (-1 without transactions).
     */
    record Kill(int n, String moment, long inputAtKill, long committedAtKill, long runningAfterMs,
                long caughtUpAfterMs, long readableAfterMs) {
    }

    /** What the loop did and what it left on the output topics. */
    record Outcome(List<Kill> kills, Map<String, String> openAtShiftKill, long finalCatchUpMs, long stableMs,
                   long totalMs, List<ConsumerRecord<String, String>> scores,
                   List<ConsumerRecord<String, String>> anomalies, List<ConsumerRecord<String, String>> deadLetters,
                   long uncommittedScores) {
    }

    private final KafkaTestCluster kafka;
    private final Path modelFile;
    private final Path dir;
    private final String guarantee;
    private final String isolation;
    private final CrashLoopTraffic traffic;
    private final StreamerSettings settings = StreamerSettings.defaults();
    private final CrashLoopTopics topics;
    private final String app;
    private final List<Kill> kills = new ArrayList<>();
    private final boolean transactional;
    private final CrashLoopHeldBack heldBack;
    private CrashLoopChild child;

    CrashLoopScenario(KafkaTestCluster kafka, Path modelFile, Path dir, String guarantee, CrashLoopTraffic traffic) {
        this.kafka = kafka;
        this.modelFile = modelFile;
        this.dir = dir;
        this.guarantee = guarantee;
        this.transactional = !StreamsConfig.AT_LEAST_ONCE.equals(guarantee);
        this.isolation = transactional ? "read_committed" : "read_uncommitted";
        this.traffic = traffic;
        this.app = "vigil-crash-loop-" + guarantee.replace('_', '-');
        this.topics = new CrashLoopTopics(kafka, app);
        this.heldBack = new CrashLoopHeldBack(topics, settings.scoresTopic());
    }

    Outcome run() throws Exception {
        long begin = System.nanoTime();
        StreamerHarness.createTopics(kafka, settings, PARTITIONS);
        child = CrashLoopChild.start(kafka.bootstrapServers(), modelFile, dir, 0, app, guarantee);
        try (heldBack) {
            child.awaitRunning(WAIT_S);
            traffic.start(kafka.bootstrapServers(), settings.inputTopic());
            await("a quarter of the points written and some processed",
                    () -> traffic.produced() >= traffic.points() / 4 && topics.committed(settings.inputTopic()) > 0);
            killAndRestart("a quarter of the points written");

            await("the injected anomaly open on every shifted series", () -> openShiftAnomalies().size()
                    == traffic.shifted.size());
            Thread.sleep(1000); // five commit intervals: the open anomaly is in the committed state
            Map<String, String> openAtKill = openShiftAnomalies();
            killAndRestart("the injected anomaly open on " + openAtKill.size() + " series");
            traffic.releaseShift();

            await("four fifths of the points written", () -> traffic.produced() >= traffic.points() * 4 / 5);
            killAndRestart("four fifths of the points written");

            traffic.join(WAIT_S);
            long end = topics.end(settings.inputTopic());
            long written = System.nanoTime();
            await("the last instance caught up", () -> topics.committed(settings.inputTopic()) >= end);
            long finalCatchUp = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - written);
            if (transactional) {
                // a killed instance's open transaction holds back read_committed readers until the broker aborts it
                for (String topic : List.of(settings.scoresTopic(), settings.anomaliesTopic(),
                        settings.deadLetterTopic())) {
                    await("no transaction open on " + topic, () -> topics.stable(topic));
                }
            }
            long stable = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - written);

            List<ConsumerRecord<String, String>> scores = topics.readAll(settings.scoresTopic(), isolation);
            long uncommitted = transactional
                    ? topics.readAll(settings.scoresTopic(), "read_uncommitted").size() - scores.size() : 0;
            kills.replaceAll(k -> new Kill(k.n(), k.moment(), k.inputAtKill(), k.committedAtKill(),
                    k.runningAfterMs(), k.caughtUpAfterMs(), heldBack.heldBackMs(k.n())));
            return new Outcome(List.copyOf(kills), openAtKill, finalCatchUp, stable,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin), scores,
                    topics.readAll(settings.anomaliesTopic(), isolation),
                    topics.readAll(settings.deadLetterTopic(), isolation), uncommitted);
        } finally {
            traffic.stop();
            child.kill();
        }
    }

    private void killAndRestart(String moment) throws Exception {
        long input = topics.end(settings.inputTopic());
        long committed = topics.committed(settings.inputTopic());
        var scoresAtKill = heldBack.ends();
        long killed = System.nanoTime();
        child.kill();
        int n = kills.size() + 1;
        if (transactional) {
            heldBack.killed(n, scoresAtKill, killed);
        }
        child = CrashLoopChild.start(kafka.bootstrapServers(), modelFile, dir, n, app, guarantee);
        child.awaitRunning(WAIT_S);
        long running = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        await("instance " + n + " caught up with the " + input + " points written before kill " + n,
                () -> topics.committed(settings.inputTopic()) >= input);
        long caughtUp = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        // readableAfterMs comes from the background measure, possibly after the next kill: filled in at the end
        kills.add(new Kill(n, moment, input, committed, running, caughtUp, -1));
    }

    /** The injected anomalies seen open so far: shifted series to event id, opened in the shift, not resolved. */
    private Map<String, String> openShiftAnomalies() {
        Map<String, String> open = new TreeMap<>();
        for (ConsumerRecord<String, String> r : topics.readAll(settings.anomaliesTopic(), isolation)) {
            JsonNode e = CrashLoopTopics.json(r.value());
            long openedAt = e.get("openedAt").asLong();
            if (!traffic.shifted.contains(r.key()) || openedAt < traffic.shiftStartTs()
                    || openedAt >= traffic.shiftEndTs()) {
                continue;
            }
            if (e.get("type").asText().equals("RESOLVED")) {
                open.remove(r.key());
            } else {
                open.put(r.key(), e.get("eventId").asText());
            }
        }
        return open;
    }

    private void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + WAIT_S + " s: " + what + " (" + traffic.produced()
                        + " of " + traffic.points() + " points written); last streamer output:\n"
                        + child.logTail(40));
            }
            Thread.sleep(100);
        }
    }
}
