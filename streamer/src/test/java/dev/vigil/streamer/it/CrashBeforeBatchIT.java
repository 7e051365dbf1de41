package dev.vigil.streamer.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.inference.InferenceOptions;
import dev.vigil.streamer.inference.OnnxModel;
import dev.vigil.streamer.output.OutputJson;
import dev.vigil.streamer.topology.StreamerSettings;
import dev.vigil.testsupport.KafkaTestCluster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves that nothing is lost when the instance dies between a record's arrival and its batch: the streamer runs
 * in its own process with a batch that never fills and a linger of ten minutes, processes and commits the points
 * that complete five series' windows, and is killed with SIGKILL before any forecast is made. A new instance with
 * an empty state directory restores the state from the changelog and makes the five forecasts, and the next
 * points are scored against them.
 */
class CrashBeforeBatchIT {

    static final String APP = "vigil-crash";
    static final int SERIES = 5;
    static final long STEP = 60_000L;
    static final long T0 = 1_767_225_600_000L;

    @TempDir
    Path dir;

    @Test
    void queuedForecastsSurviveSigkill() throws Exception {
        Path modelFile = TrainedModel.train(dir);
        StreamerSettings settings = StreamerSettings.defaults();
        int w = TrainedModel.WINDOW;
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            StreamerHarness.createTopics(kafka, settings, 2);
            Process child = startChild(kafka, modelFile);
            try {
                awaitRunning(child);
                kafka.produce(points(0, w));
                StreamerHarness.readUntil(kafka, settings.scoresTopic(), r -> r.size() >= SERIES * w,
                        Duration.ofSeconds(60));
                awaitCommitted(kafka, settings.inputTopic(), SERIES * w);
            } finally {
                child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            assertTrue(StreamerHarness.readUntil(kafka, settings.forecastsTopic(), r -> false,
                    Duration.ofSeconds(2)).isEmpty(), "the killed instance made no forecast: its batch never ran");

            try (OnnxModel model = OnnxModel.load(modelFile, InferenceOptions.defaults());
                 StreamerHarness restarted = new StreamerHarness(kafka, settings, model, APP, dir.resolve("fresh"))) {
                List<ConsumerRecord<String, String>> forecasts = StreamerHarness.readUntil(kafka,
                        settings.forecastsTopic(), r -> r.size() >= SERIES, Duration.ofSeconds(60));
                assertEquals(SERIES, forecasts.size(), "the new instance forecasts every series the old one queued");
                for (ConsumerRecord<String, String> f : forecasts) {
                    assertEquals(T0 + (w - 1) * STEP, json(f.value()).get("origin").asLong(),
                            f.key() + ": forecast from the window the killed instance had completed");
                }
                kafka.produce(points(w, w + 1));
                List<JsonNode> scored = StreamerHarness.readUntil(kafka, settings.scoresTopic(),
                        r -> r.size() >= SERIES * (w + 1), Duration.ofSeconds(60)).stream().map(r -> json(r.value()))
                        .filter(s -> s.get("ts").asLong() == T0 + w * STEP).toList();
                assertEquals(SERIES, scored.size(), "the next point of every series is scored");
                scored.forEach(s -> {
                    assertEquals("scored", s.get("status").asText());
                    assertEquals(1, s.get("horizonStep").asInt(), "against the restored one-step forecast");
                });
            }
        }
    }

    private Process startChild(KafkaTestCluster kafka, Path modelFile) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", StreamerProcess.class.getName(), kafka.bootstrapServers(), modelFile.toString(),
                dir.resolve("killed-state").toString(), APP, "100000", "600000",
                StreamsConfig.AT_LEAST_ONCE);
        // the class path goes in the environment: a very long command line crashes ONNX Runtime at start
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
        return builder.start();
    }

    private static void awaitRunning(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            if (line.contains(StreamerProcess.RUNNING)) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new AssertionError("the streamer process did not start within 60 s");
    }

    private static void awaitCommitted(KafkaTestCluster kafka, String topic, long records) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, OffsetAndMetadata> offsets = kafka.admin().listConsumerGroupOffsets(APP)
                    .partitionsToOffsetAndMetadata().get();
            long committed = offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                    .mapToLong(e -> e.getValue().offset()).sum();
            if (committed >= records) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the streamer did not commit " + records + " input records within 60 s");
    }

    private static List<ProducerRecord<String, String>> points(int from, int to) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int t = from; t < to; t++) {
            for (int s = 0; s < SERIES; s++) {
                double value = 100 * (s + 1) + 10 * Math.sin(2 * Math.PI * t / 24);
                records.add(new ProducerRecord<>("metrics", "series-" + s,
                        String.format(Locale.ROOT, "{\"ts\": %d, \"value\": %s}", T0 + t * STEP, value)));
            }
        }
        return records;
    }

    private static JsonNode json(String value) {
        try {
            return OutputJson.mapper().readTree(value);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
