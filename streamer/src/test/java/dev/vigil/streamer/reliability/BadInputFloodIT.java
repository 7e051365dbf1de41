package dev.vigil.streamer.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.inference.InferenceOptions;
import dev.vigil.streamer.inference.OnnxModel;
import dev.vigil.streamer.it.StreamerHarness;
import dev.vigil.streamer.it.TrainedModel;
import dev.vigil.streamer.output.DeadLetters;
import dev.vigil.streamer.output.OutputJson;
import dev.vigil.streamer.reliability.BadInputFloodRecords.Kind;
import dev.vigil.streamer.reliability.BadInputFloodRecords.Sent;
import dev.vigil.streamer.topology.StreamerSettings;
import dev.vigil.streamer.topology.VigilTopology;
import dev.vigil.testsupport.KafkaTestCluster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flood of malformed records (20,000 by default; {@code -Dvigil.reliability.flood=100000} for the full volume)
 * between the points of 40 good series and of series with huge but finite values, on a real broker: the streamer
 * never stops, dead-letters every bad record with the reason its kind calls for, scores every valid point, and its
 * heap does not grow with the flood.
 */
class BadInputFloodIT {

    static final int GOOD_SERIES = 40;
    static final int HUGE_SERIES = 4;
    static final int STEPS = 200;
    static final long STEP_MILLIS = 60_000L;
    static final int FLOOD = Integer.getInteger("vigil.reliability.flood", 20_000);
    /** Used heap may grow this much over the run: caches, buffers and the in-JVM broker, not the flood itself. */
    static final long MAX_HEAP_GROWTH_BYTES = 256L << 20;

    @TempDir
    Path dir;

    @Test
    void survivesAFloodOfBadRecordsAndDeadLettersEveryOne() {
        Path modelFile = TrainedModel.train(dir);
        StreamerSettings settings = StreamerSettings.defaults();
        List<KafkaStreams.State> transitions = new CopyOnWriteArrayList<>();
        List<Throwable> crashes = new CopyOnWriteArrayList<>();
        try (KafkaTestCluster kafka = KafkaTestCluster.start();
             OnnxModel model = OnnxModel.load(modelFile, InferenceOptions.defaults())) {
            StreamerHarness.createTopics(kafka, settings, 4);
            KafkaStreams streams = new KafkaStreams(VigilTopology.build(settings, model),
                    StreamerHarness.properties(kafka, "vigil-flood", dir.resolve("state")));
            streams.setStateListener((now, before) -> transitions.add(now));
            streams.setUncaughtExceptionHandler(e -> {
                crashes.add(e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            try {
                streams.start();
                awaitRunning(streams);
                int runningAt = transitions.lastIndexOf(KafkaStreams.State.RUNNING);
                long heapBefore = usedHeapAfterGc();

                Observed seen = floodAndObserve(kafka, settings);

                long heapAfter = usedHeapAfterGc();
                System.out.printf("flood: heap used after GC %.1f MB before, %.1f MB after (growth %.1f MB)%n",
                        heapBefore / 1e6, heapAfter / 1e6, (heapAfter - heapBefore) / 1e6);
                assertTrue(crashes.isEmpty(), "no stream thread died: " + crashes);
                assertEquals(List.of(), transitions.subList(runningAt + 1, transitions.size()),
                        "the client stays RUNNING throughout the flood");
                assertEquals(KafkaStreams.State.RUNNING, streams.state());
                seen.assertComplete();
                assertTrue(heapAfter - heapBefore < MAX_HEAP_GROWTH_BYTES, "heap growth " + (heapAfter - heapBefore)
                        / 1_000_000 + " MB, bound " + (MAX_HEAP_GROWTH_BYTES >> 20) + " MiB");
            } finally {
                streams.close(Duration.ofSeconds(30));
            }
        }
    }

    /** Sends the flood, reads every output back, and keeps only what the assertions need. */
    private Observed floodAndObserve(KafkaTestCluster kafka, StreamerSettings settings) {
        BadInputFloodRecords generator = new BadInputFloodRecords(settings.inputTopic(), GOOD_SERIES, STEPS,
                HUGE_SERIES, STEP_MILLIS, System.currentTimeMillis(), 42);
        List<Sent> sent = generator.generate(FLOOD);
        Observed seen = new Observed(generator.t0());
        long started = System.nanoTime();
        List<RecordMetadata> written = kafka.produce(sent.stream().map(Sent::record).toList());
        long produced = System.nanoTime();
        for (int i = 0; i < sent.size(); i++) {
            Sent s = sent.get(i);
            if (s.kind() == null) {
                seen.validPoints++;
            } else {
                RecordMetadata at = written.get(i);
                seen.expectedReason.put(at.partition() + "@" + at.offset(), s.kind().reason.code());
                seen.sentByReason.merge(s.kind().reason.code(), 1, Integer::sum);
            }
        }
        Duration timeout = Duration.ofSeconds(90 + sent.size() / 2_000);
        int valid = seen.validPoints;
        List<ConsumerRecord<String, String>> scores = StreamerHarness.readUntil(kafka, settings.scoresTopic(),
                r -> r.size() >= valid, timeout);
        List<ConsumerRecord<String, String>> dead = StreamerHarness.readUntil(kafka, settings.deadLetterTopic(),
                r -> r.size() >= FLOOD, timeout);
        long done = System.nanoTime();
        // read the scores once more, waiting a little for any beyond one per valid point
        scores = StreamerHarness.readUntil(kafka, settings.scoresTopic(), r -> r.size() > valid,
                Duration.ofSeconds(2));
        scores.forEach(seen::score);
        dead.forEach(seen::deadLetter);
        double seconds = (done - started) / 1e9;
        System.out.printf("flood: %d records (%d valid points, %d bad) by kind %s; produced in %.1f s; all outputs "
                        + "in %.1f s: %.0f records/s%n", sent.size(), valid, FLOOD,
                new TreeMap<>(generator.badByKind()), (produced - started) / 1e9, seconds, sent.size() / seconds);
        System.out.printf("flood: sent bad by reason %s; dead letters by reason %s; score records %d%n",
                new TreeMap<>(seen.sentByReason), new TreeMap<>(seen.deadByReason), scores.size());
        return seen;
    }

    /** What came out, reduced to counts and keys: the records themselves are collected before the heap is sampled. */
    private static final class Observed {
        final long t0;
        int validPoints;
        final Map<String, String> expectedReason = new HashMap<>();
        final Map<String, Integer> sentByReason = new HashMap<>();
        final Map<String, Integer> deadByReason = new HashMap<>();
        final List<String> wrongDeadLetters = new ArrayList<>();
        final Map<String, Integer> scoresPerPoint = new HashMap<>();
        final List<String> wrongScores = new ArrayList<>();

        Observed(long t0) {
            this.t0 = t0;
        }

        void deadLetter(ConsumerRecord<String, String> r) {
            String reason = DeadLetters.header(r.headers(), DeadLetters.REASON);
            deadByReason.merge(String.valueOf(reason), 1, Integer::sum);
            String source = DeadLetters.header(r.headers(), DeadLetters.SOURCE_PARTITION) + "@"
                    + DeadLetters.header(r.headers(), DeadLetters.SOURCE_OFFSET);
            String expected = expectedReason.remove(source);
            if (!String.valueOf(reason).equals(expected)) {
                wrongDeadLetters.add(source + ": " + reason + ", expected " + expected + " (key " + r.key() + ")");
            }
        }

        void score(ConsumerRecord<String, String> r) {
            JsonNode score = json(r.value());
            long ts = score.get("ts").asLong();
            scoresPerPoint.merge(r.key() + "@" + ts, 1, Integer::sum);
            long step = (ts - t0) / STEP_MILLIS;
            String expected = step < TrainedModel.WINDOW ? "warming_up" : "scored";
            String status = score.get("status").asText();
            boolean finite = !"scored".equals(status) || score.get("score").isNumber()
                    && score.get("score").asDouble() >= 0 && score.get("score").asDouble() <= 1
                    && Double.isFinite(score.get("scaledError").asDouble());
            if (!expected.equals(status) || !finite || r.key().startsWith("good-") == r.key().startsWith("huge-")) {
                wrongScores.add(r.key() + " step " + step + ": " + r.value());
            }
        }

        void assertComplete() {
            assertEquals(List.of(), wrongDeadLetters.stream().limit(20).toList(),
                    "every dead letter is a bad record, with the reason its kind calls for");
            assertEquals(List.of(), expectedReason.entrySet().stream().limit(20).map(Object::toString).toList(),
                    "every bad record is dead-lettered (partition@offset=reason)");
            assertEquals(sentByReason, deadByReason, "dead letters by reason");
            assertEquals(List.of(), wrongScores.stream().limit(20).toList(),
                    "valid points only: warming up for the first W steps, then scored with a score in [0, 1]");
            assertEquals(validPoints, scoresPerPoint.size(), "every valid point has a score record");
            assertEquals(List.of(), scoresPerPoint.entrySet().stream().filter(e -> e.getValue() > 1).limit(20)
                    .map(Map.Entry::getKey).toList(), "one score record per valid point");
        }
    }

    private static void awaitRunning(KafkaStreams streams) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            assertTrue(System.nanoTime() < deadline, "the streamer did not start within 60 s: " + streams.state());
            sleep(50);
        }
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String value) {
        try {
            return OutputJson.mapper().readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
