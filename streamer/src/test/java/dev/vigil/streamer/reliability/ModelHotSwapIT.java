package dev.vigil.streamer.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.inference.InferenceOptions;
import dev.vigil.streamer.inference.ModelReloader;
import dev.vigil.streamer.inference.ModelVariants;
import dev.vigil.streamer.inference.OnnxModel;
import dev.vigil.streamer.inference.SwappableModel;
import dev.vigil.streamer.it.StreamerHarness;
import dev.vigil.streamer.output.OutputJson;
import dev.vigil.streamer.topology.StreamerSettings;
import dev.vigil.testsupport.KafkaTestCluster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new model version written over the model file is picked up without a restart; a corrupt file written after it
 * is refused while the new version keeps serving; scores say which model made them.
 */
class ModelHotSwapIT {

    static final int SERIES = 5;
    static final long T0 = 1_767_225_600_000L;
    static final long STEP = 60_000L;

    @TempDir
    Path dir;

    final List<String> accepted = new CopyOnWriteArrayList<>();
    final List<String> refused = new CopyOnWriteArrayList<>();

    @Test
    void newVersionsAreSwappedInAndCorruptOnesRefusedWhileScoringGoesOn() throws Exception {
        Path file = Files.write(dir.resolve("model.onnx"), ModelVariants.retrained("2026-01-01T00:00:00Z"));
        StreamerSettings settings = StreamerSettings.defaults();
        try (KafkaTestCluster kafka = KafkaTestCluster.start();
             SwappableModel model = new SwappableModel(OnnxModel.load(file, InferenceOptions.defaults()));
             ModelReloader reloader = ModelReloader.start(file, model, InferenceOptions.defaults(),
                     Duration.ofMillis(200), listener())) {
            StreamerHarness.createTopics(kafka, settings, 2);
            String v1 = model.modelVersion();
            try (StreamerHarness streamer = new StreamerHarness(kafka, settings, model, "vigil-hot-swap",
                    dir.resolve("state"))) {
                kafka.produce(points(0, 20));
                awaitScores(kafka, settings, SERIES * 20);

                Files.write(dir.resolve("next.onnx"), ModelVariants.retrained("2026-02-01T00:00:00Z"));
                Files.move(dir.resolve("next.onnx"), file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                awaitUntil(() -> !accepted.isEmpty(), "the new version is picked up");
                String v2 = model.modelVersion();
                kafka.produce(points(20, 25));
                List<JsonNode> scores = awaitScores(kafka, settings, SERIES * 25);

                Files.write(file, new byte[] {0x13, 0x37});
                awaitUntil(() -> !refused.isEmpty(), "the corrupt file is refused");
                kafka.produce(points(25, 30));
                scores = awaitScores(kafka, settings, SERIES * 30);

                assertTrue(scores.stream().limit(SERIES * 20L).allMatch(s -> s.get("modelVersion").asText()
                        .equals(v1)), "points before the swap were scored by " + v1);
                assertTrue(scores.stream().skip(SERIES * 20L).allMatch(s -> s.get("modelVersion").asText()
                        .equals(v2)), "every point after the swap is scored by " + v2
                        + ", also after the corrupt file");
                assertEquals(v2, model.modelVersion(), "the corrupt file did not replace the good model");
                assertEquals(1, accepted.size());
                assertEquals(1, refused.size());
                assertEquals(KafkaStreams.State.RUNNING, streamer.streams.state(), "no restart, no failure");
            }
        }
    }

    private ModelReloader.Listener listener() {
        return new ModelReloader.Listener() {
            @Override
            public void accepted(OnnxModel model) {
                accepted.add(model.modelVersion());
            }

            @Override
            public void refused(String reason) {
                refused.add(reason);
            }
        };
    }

    private static List<JsonNode> awaitScores(KafkaTestCluster kafka, StreamerSettings settings, int count) {
        List<ConsumerRecord<String, String>> records = StreamerHarness.readUntil(kafka, settings.scoresTopic(),
                r -> r.size() >= count, Duration.ofSeconds(60));
        assertEquals(count, records.size(), "score records");
        List<JsonNode> scores = new ArrayList<>();
        records.stream().sorted(java.util.Comparator.comparingLong(r -> json(r.value()).get("ts").asLong()))
                .forEach(r -> scores.add(json(r.value())));
        return scores;
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(50);
        }
    }

    private static List<ProducerRecord<String, String>> points(int from, int to) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int t = from; t < to; t++) {
            for (int s = 0; s < SERIES; s++) {
                records.add(new ProducerRecord<>("metrics", "swap-" + s, String.format(Locale.ROOT,
                        "{\"ts\": %d, \"values\": {\"value\": %s, \"flag\": 0}}", T0 + t * STEP,
                        100 * (s + 1) + 10 * Math.sin(t / 3.0))));
            }
        }
        return records;
    }

    private static JsonNode json(String value) {
        try {
            return OutputJson.mapper().readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
