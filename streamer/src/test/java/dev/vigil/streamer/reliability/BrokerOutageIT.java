package dev.vigil.streamer.reliability;

import dev.vigil.streamer.inference.InferenceOptions;
import dev.vigil.streamer.inference.OnnxModel;
import dev.vigil.streamer.it.TrainedModel;
import dev.vigil.streamer.metrics.StreamerMetrics;
import dev.vigil.streamer.output.DeadLetters;
import dev.vigil.streamer.output.ScoreRecord;
import dev.vigil.streamer.topology.StreamerSettings;
import dev.vigil.streamer.topology.VigilTopology;
import dev.vigil.testsupport.KafkaBrokerProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker goes away for 30 s in the middle of a run and comes back on the same port and log directory: the
 * streamer, in this JVM, recovers by itself and no point is lost. The broker is a child process
 * ({@link KafkaBrokerProcess}), stopped with SIGTERM after a third of the points and started again 30 s later,
 * while a producer writes points for 30 series at a steady pace (it waits while the broker is away, see
 * {@link BrokerOutageTraffic}, and sends the steps due meanwhile when it is back).
 *
 * <p>Asserts that the Kafka Streams client never gives up (no ERROR, PENDING_SHUTDOWN or NOT_RUNNING, no exception
 * reaching a stream thread's handler) and is RUNNING afterwards; that the broker acknowledged every point; that every
 * point has a score record, {@code scored} after its series' warm-up (at least once: duplicates are counted and
 * printed, not failed); and that nothing else went to the dead-letter topic than replayed points. Prints the outage,
 * the state changes and how long the app took to catch up once the broker was back.
 *
 * <p>Kafka Streams runs with its defaults for retries and timeouts, all beyond the outage: {@code task.timeout.ms}
 * 5 minutes (how long a task may keep failing on timeouts before the client gives up), its producer's
 * {@code max.block.ms} 60 s and {@code delivery.timeout.ms} 2 minutes, the main consumer's session 45 s.
 */
class BrokerOutageIT {

    static final String APP = "vigil-broker-outage";
    static final int PARTITIONS = 4;
    static final int SERIES = 30;
    static final int STEPS = 150;
    static final Duration PACE = Duration.ofMillis(400);
    static final Duration OUTAGE = Duration.ofSeconds(30);
    /** Replayed points are refused as duplicates (or late) by the series' state, which is already past them. */
    static final Set<String> REPLAY_REASONS = Set.of(DeadLetters.Reason.DUPLICATE_TIMESTAMP.code(),
            DeadLetters.Reason.LATE_TIMESTAMP.code());

    @TempDir
    Path dir;

    @Test
    void streamerRecoversFromA30SecondBrokerOutageWithoutLosingPoints() throws Exception {
        Path modelFile = TrainedModel.train(dir);
        StreamerSettings settings = StreamerSettings.defaults();
        BrokerOutageStates states = new BrokerOutageStates();
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.launch();
             OnnxModel model = OnnxModel.load(modelFile, InferenceOptions.defaults())) {
            createTopics(broker, settings);
            Properties props = streamsProperties(broker);
            KafkaStreams streams = new KafkaStreams(VigilTopology.build(settings, model, StreamerMetrics.NONE, null),
                    props);
            streams.setStateListener(states);
            streams.setUncaughtExceptionHandler(states);
            try (BrokerOutageScores scores = BrokerOutageScores.follow(broker.bootstrapServers(),
                    settings.scoresTopic(), settings.deadLetterTopic());
                 AutoCloseable closeStreams = () -> streams.close(Duration.ofSeconds(30))) {
                long origin = System.nanoTime();
                streams.start();
                assertTrue(states.awaitRunning(Duration.ofSeconds(60)), "the app starts: " + states.describe(origin));

                long stopCalled;
                long startCalled;
                long ready;
                Duration stopTook;
                int sentAtStop;
                int dueAtReady;
                Duration longestSend;
                List<String> missing;
                try (BrokerOutageTraffic traffic = BrokerOutageTraffic.start(broker.bootstrapServers(),
                        settings.inputTopic(), SERIES, STEPS, PACE)) {
                    traffic.awaitSent(traffic.total() / 3, Duration.ofSeconds(60));
                    sentAtStop = traffic.sent();
                    stopCalled = System.nanoTime();
                    stopTook = broker.stop();
                    Thread.sleep(OUTAGE.toMillis());
                    startCalled = System.nanoTime();
                    broker.start();
                    ready = System.nanoTime();
                    dueAtReady = traffic.dueBy(ready);

                    traffic.awaitDone(Duration.ofSeconds(90));
                    assertEquals(List.of(), traffic.failures(), "the producer rode out the outage");
                    assertEquals(traffic.total(), traffic.acked(), "the broker acknowledged every point");
                    missing = scores.awaitAll(allPoints(), Duration.ofSeconds(60));
                    longestSend = traffic.longestSend();
                }
                boolean runningAfter = states.awaitRunning(Duration.ofSeconds(30));

                new Figures(origin, stopCalled, stopTook, startCalled, ready, sentAtStop, dueAtReady, longestSend)
                        .print(states, scores, props);
                assertEquals(List.of(), states.failures(), "the app never gave up: " + states.describe(origin));
                assertEquals(List.of(), states.uncaught(), "no exception reached a stream thread's handler");
                assertTrue(runningAfter, "the app is RUNNING again by itself: " + states.describe(origin));
                assertEquals(List.of(), missing.subList(0, Math.min(20, missing.size())),
                        missing.size() + " points have no score record (first 20 shown)");
                assertWarmUpThenScored(scores);
                scores.deadLetters().keySet().forEach(reason -> assertTrue(REPLAY_REASONS.contains(reason),
                        "only replayed points are dead-lettered; found " + scores.deadLetters()));
            }
        }
    }

    /** Times of the outage, and what the producer had sent by then; prints the figures of the run. */
    private record Figures(long origin, long stopCalled, Duration stopTook, long startCalled, long ready,
                           int sentAtStop, int dueAtReady, Duration longestSend) {

        void print(BrokerOutageStates states, BrokerOutageScores scores, Properties props) {
            BrokerOutageStates.Change left = states.firstLeftRunning(stopCalled);
            BrokerOutageStates.Change back = states.lastRunning();
            System.out.printf(Locale.ROOT, "broker outage: SIGTERM to exit %.1f s, down %.1f s, start to ready %.1f s;"
                            + " unavailable %.1f s in all%n", stopTook.toMillis() / 1e3,
                    seconds(stopCalled + stopTook.toNanos(), startCalled), seconds(startCalled, ready),
                    seconds(stopCalled, ready));
            System.out.printf(Locale.ROOT, "points: %d (%d series x %d steps of 60 s, a step every %d ms); %d sent "
                            + "before the stop, %d due by the time the broker was ready; the producer's send() "
                            + "blocked up to %.1f s%n", SERIES * STEPS, SERIES, STEPS, PACE.toMillis(), sentAtStop,
                    dueAtReady, longestSend.toMillis() / 1e3);
            System.out.printf(Locale.ROOT, "streams states: %s%n", states.describe(origin));
            System.out.printf(Locale.ROOT, "recovery after the broker was ready: %s; the %d points due by then all "
                            + "scored after %.1f s; every point scored after %.1f s%n",
                    left == null ? "the app never left RUNNING"
                            : String.format(Locale.ROOT, "left RUNNING at +%.1f s, RUNNING again after %.1f s",
                            seconds(origin, left.nanos()), seconds(ready, back.nanos())),
                    dueAtReady, seconds(ready, lastFirstScore(scores, dueAtReady)),
                    seconds(ready, lastFirstScore(scores, SERIES * STEPS)));
            System.out.printf(Locale.ROOT, "score records: %d for %d points; duplicates: %d score records, "
                            + "dead letters %s; task.timeout.ms=%d%n", scores.records(), SERIES * STEPS,
                    scores.duplicates(), scores.deadLetters(),
                    new StreamsConfig(props).getLong(StreamsConfig.TASK_TIMEOUT_MS_CONFIG));
        }

        /** When the last of the first {@code points} points (in the order sent) got its first score record. */
        private static long lastFirstScore(BrokerOutageScores scores, int points) {
            long last = Long.MIN_VALUE;
            for (int i = 0; i < points; i++) {
                BrokerOutageScores.Point p = scores.point(key(i));
                last = Math.max(last, p == null ? Long.MAX_VALUE : p.firstNanos());
            }
            return last;
        }

        private static double seconds(long fromNanos, long toNanos) {
            return toNanos == Long.MAX_VALUE ? Double.NaN : (toNanos - fromNanos) / 1e9;
        }
    }

    private static void assertWarmUpThenScored(BrokerOutageScores scores) {
        for (int i = 0; i < SERIES * STEPS; i++) {
            int step = i / SERIES;
            List<String> statuses = scores.point(key(i)).statuses();
            String expected = step < TrainedModel.WINDOW ? ScoreRecord.WARMING_UP : ScoreRecord.SCORED;
            assertTrue(statuses.contains(expected), key(i) + " (step " + step + "): expected a '" + expected
                    + "' score record, found " + statuses);
        }
    }

    /** The point sent {@code i}-th: step {@code i / SERIES} of series {@code i % SERIES}. */
    private static String key(int i) {
        return BrokerOutageScores.key(BrokerOutageTraffic.seriesId(i % SERIES), BrokerOutageTraffic.ts(i / SERIES));
    }

    private static List<String> allPoints() {
        List<String> keys = new ArrayList<>(SERIES * STEPS);
        for (int i = 0; i < SERIES * STEPS; i++) {
            keys.add(key(i));
        }
        return keys;
    }

    private static void createTopics(KafkaBrokerProcess broker, StreamerSettings settings) {
        for (String topic : List.of(settings.inputTopic(), settings.scoresTopic(), settings.forecastsTopic(),
                settings.anomaliesTopic())) {
            broker.createTopic(topic, PARTITIONS);
        }
        broker.createTopic(settings.deadLetterTopic(), 1);
    }

    /** The test harness' settings; retries and timeouts stay at Kafka Streams' defaults (see the class comment). */
    private Properties streamsProperties(KafkaBrokerProcess broker) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }
}
