package dev.vigil.streamer.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.inference.InferenceOptions;
import dev.vigil.streamer.inference.OnnxModel;
import dev.vigil.streamer.it.StreamerHarness;
import dev.vigil.streamer.it.TrainedModel;
import dev.vigil.streamer.output.OutputJson;
import dev.vigil.streamer.topology.StreamerSettings;
import dev.vigil.streamer.topology.VigilTopology;
import dev.vigil.testsupport.KafkaTestCluster;
import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.SyntheticHistory;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two streamer instances with the same application id and one standby replica share a 4-partition metrics topic
 * while points of 40 series arrive in event-time order; one instance is closed mid-run, cleanly and as the CLI closes
 * it (it stays in the group until its session times out). The other takes over every task from its standby state
 * with a small restore, and every point after its series' warm-up is scored: none is missing and no series starts
 * its warm-up again.
 */
class ScaleOutIT {

    static final String APP = "vigil-scale-out";
    static final int PARTITIONS = 4;
    static final int SERIES = 40;
    static final int STEPS = 160;
    static final int CLOSE_AFTER_STEPS = 80;
    static final long STEP_MILLIS = 60_000L;
    static final long PACE_MILLIS = 80;

    @TempDir
    Path dir;

    @Test
    void theSurvivorTakesOverEveryTaskFromItsStandbysAndNoPointIsLost() throws Exception {
        Path modelFile = TrainedModel.train(dir);
        StreamerSettings settings = StreamerSettings.defaults();
        long t0 = (System.currentTimeMillis() / STEP_MILLIS - STEPS - 60) * STEP_MILLIS;
        try (KafkaTestCluster kafka = KafkaTestCluster.start();
             OnnxModel model = OnnxModel.load(modelFile, InferenceOptions.defaults())) {
            StreamerHarness.createTopics(kafka, settings, PARTITIONS);
            try (ScaleOutInstance a = instance("a", kafka, settings, model);
                 ScaleOutInstance b = instance("b", kafka, settings, model)) {
                a.start();
                b.start();
                await("both instances own active tasks", Duration.ofSeconds(60), () -> a.running() && b.running()
                        && !a.activeTasks().isEmpty() && !b.activeTasks().isEmpty()
                        && a.activeTasks().size() + b.activeTasks().size() == PARTITIONS
                        && !a.standbyTasks().isEmpty() && !b.standbyTasks().isEmpty());
                Set<TaskId> movedTasks = b.activeTasks();
                System.out.printf("scale-out: before: %s; %s%n", a, b);
                assertTrue(b.standbyTasks().containsAll(a.activeTasks())
                                && a.standbyTasks().containsAll(movedTasks),
                        "each instance holds the standby of the other's active tasks: " + a + "; " + b);

                AtomicInteger stepsSent = new AtomicInteger();
                CompletableFuture<Void> producing = CompletableFuture.runAsync(
                        () -> produce(kafka, settings.inputTopic(), t0, stepsSent));
                await("the first " + CLOSE_AFTER_STEPS + " steps are sent", Duration.ofSeconds(60),
                        () -> stepsSent.get() >= CLOSE_AFTER_STEPS || producing.isDone());
                a.resetRestores();
                long closing = System.nanoTime();
                // closed as the CLI's runner closes it: the member stays in the group until its session times out
                b.close();
                long closed = System.nanoTime();
                await("the survivor owns every task", Duration.ofSeconds(60),
                        () -> a.running() && a.activeTasks().size() == PARTITIONS);
                long tookOver = System.nanoTime();
                long changelog = changelogRecords(kafka, movedTasks);
                producing.get();
                System.out.printf("scale-out: closed %s after %d steps; clean close %d ms; the survivor owns every "
                                + "task %d ms after the close began (session timeout 6 s): %s%n", b.name,
                        CLOSE_AFTER_STEPS, (closed - closing) / 1_000_000, (tookOver - closing) / 1_000_000, a);
                System.out.printf("scale-out: restored %d records (the moved tasks' changelogs hold %d), at most %d ms "
                                + "per partition: %s; records loaded by the survivor's standbys %d%n",
                        a.restoredRecords(), changelog, a.longestRestoreMillis(), a.restores, a.standbyRecords.get());

                List<ConsumerRecord<String, String>> scores = StreamerHarness.readUntil(kafka, settings.scoresTopic(),
                        pointsAtLeast(SERIES * STEPS), Duration.ofSeconds(90));
                assertEveryPointScoredWithoutNewWarmUp(scores, t0);

                assertEquals(List.of(), a.crashes, "no stream thread of the survivor died");
                assertEquals(List.of(), b.crashes, "no stream thread of the closed instance died");
                assertTrue(a.transitions.stream().noneMatch(s -> s == KafkaStreams.State.ERROR
                        || s == KafkaStreams.State.PENDING_ERROR), "the survivor never fails: " + a.transitions);
                assertEquals(allTasks(), a.activeTasks(), "the survivor owns every task");
                assertTrue(a.restoredRecords() < Math.max(1, changelog / 2), "the standby replicas keep the restore "
                        + "small: " + a.restoredRecords() + " records restored, moved changelogs hold " + changelog);
            }
        }
    }

    private void assertEveryPointScoredWithoutNewWarmUp(List<ConsumerRecord<String, String>> scores, long t0) {
        Map<String, List<String>> statuses = new HashMap<>();
        for (ConsumerRecord<String, String> r : scores) {
            JsonNode score = json(r.value());
            statuses.computeIfAbsent(r.key() + "@" + (score.get("ts").asLong() - t0) / STEP_MILLIS,
                    k -> new ArrayList<>()).add(score.get("status").asText());
        }
        int duplicates = scores.size() - statuses.size();
        System.out.printf("scale-out: %d score records for %d points: %d duplicates%n", scores.size(),
                statuses.size(), duplicates);
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (int s = 0; s < SERIES; s++) {
            for (int t = 0; t < STEPS; t++) {
                List<String> seen = statuses.get(seriesId(s) + "@" + t);
                String expected = t < TrainedModel.WINDOW ? "warming_up" : "scored";
                if (seen == null) {
                    missing.add(seriesId(s) + "@" + t);
                } else if (seen.stream().anyMatch(status -> !status.equals(expected))) {
                    wrong.add(seriesId(s) + "@" + t + " " + seen);
                }
            }
        }
        assertEquals(List.of(), missing.stream().limit(20).toList(), "every point has a score record");
        assertEquals(List.of(), wrong.stream().limit(20).toList(),
                "warming up for the first W steps only, scored after: no series starts its warm-up again");
        assertEquals(SERIES * STEPS, statuses.size(), "score records only for the points sent");
    }

    private ScaleOutInstance instance(String name, KafkaTestCluster kafka, StreamerSettings settings,
                                      OnnxModel model) {
        Properties props = StreamerHarness.properties(kafka, APP, dir.resolve("state-" + name));
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        props.put(StreamsConfig.CLIENT_ID_CONFIG, APP + "-" + name);
        return new ScaleOutInstance(name, VigilTopology.build(settings, model), props);
    }

    /** Sends every series' point of one step after another, in event-time order, a step every few milliseconds. */
    private static void produce(KafkaTestCluster kafka, String topic, long t0, AtomicInteger stepsSent) {
        History history = SyntheticHistory.of(SERIES, STEPS, 3).generate();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            for (int t = 0; t < STEPS; t++) {
                for (int s = 0; s < SERIES; s++) {
                    producer.send(new ProducerRecord<>(topic, seriesId(s), String.format(Locale.ROOT,
                            "{\"ts\": %d, \"value\": %s}", t0 + t * STEP_MILLIS, history.series().get(s).value(t, 0))));
                }
                producer.flush();
                stepsSent.incrementAndGet();
                Thread.sleep(PACE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Records in the moved tasks' changelog partitions: what a restore without standby replicas would read. */
    private static long changelogRecords(KafkaTestCluster kafka, Set<TaskId> tasks)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        tasks.forEach(t -> request.put(new TopicPartition(APP + "-" + VigilTopology.SERIES_STORE + "-changelog",
                t.partition()), OffsetSpec.latest()));
        return kafka.admin().listOffsets(request).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    private static Set<TaskId> allTasks() {
        Set<TaskId> all = new TreeSet<>();
        for (int p = 0; p < PARTITIONS; p++) {
            all.add(new TaskId(0, p));
        }
        return all;
    }

    /** True once the score records read cover this many distinct points; reads each record once. */
    private static Predicate<List<ConsumerRecord<String, String>>> pointsAtLeast(int count) {
        Set<String> points = new HashSet<>();
        int[] read = {0};
        return records -> {
            for (; read[0] < records.size(); read[0]++) {
                ConsumerRecord<String, String> r = records.get(read[0]);
                points.add(r.key() + "@" + json(r.value()).get("ts").asLong());
            }
            return points.size() >= count;
        };
    }

    private static String seriesId(int s) {
        return String.format(Locale.ROOT, "series-%02d", s);
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what + ": not within " + timeout.toSeconds() + " s");
            Thread.sleep(50);
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
