package dev.vigil.streamer.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.inference.InferenceOptions;
import dev.vigil.streamer.inference.OnnxModel;
import dev.vigil.streamer.input.DecoderOptions;
import dev.vigil.streamer.input.InputFormat;
import dev.vigil.streamer.input.PointDecoders;
import dev.vigil.streamer.output.OutputJson;
import dev.vigil.streamer.topology.StreamerSettings;
import dev.vigil.streamer.topology.VigilTopology;
import dev.vigil.testsupport.KafkaTestCluster;
import dev.vigil.testsupport.TestTools;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records written by a Kafka client that is not Java (kcat, librdkafka), in the formats agents write: InfluxDB line
 * protocol as Telegraf's Kafka output does, and Telegraf's JSON. Vigil decodes, fans out and scores them.
 */
class KcatIngestIT {

    static final int STEPS = 40;
    static final long T0_SECONDS = 1_767_225_600L;

    @TempDir
    static Path dir;

    static Path model;

    @BeforeAll
    static void train() {
        model = TrainedModel.train(dir);
    }

    @Test
    void lineProtocolFromKcatIsScoredPerField() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int t = 0; t < STEPS; t++) {
            long ns = (T0_SECONDS + t * 60) * 1_000_000_000L;
            for (String host : List.of("web-1", "web-2")) {
                lines.add(String.format(Locale.ROOT, "%s|cpu,host=%s,cpu=cpu-total usage_idle=%s,usage_user=%s %d",
                        host, host, 80 + 5 * Math.sin(t * Math.PI / 12), 15 + 3 * Math.cos(t * Math.PI / 12), ns));
            }
        }
        Set<String> series = run(InputFormat.INFLUX_LINE, lines, "vigil-kcat-line", 2 * 2 * STEPS);
        assertEquals(Set.of("cpu_usage_idle{cpu=cpu-total,host=web-1}", "cpu_usage_idle{cpu=cpu-total,host=web-2}",
                "cpu_usage_user{cpu=cpu-total,host=web-1}", "cpu_usage_user{cpu=cpu-total,host=web-2}"), series);
    }

    @Test
    void telegrafJsonFromKcatIsScoredPerField() throws Exception {
        List<String> records = new ArrayList<>();
        for (int t = 0; t < STEPS; t++) {
            records.add(String.format(Locale.ROOT, "db-1|{\"fields\": {\"used_percent\": %s, \"available\": %d}, "
                    + "\"name\": \"mem\", \"tags\": {\"host\": \"db-1\"}, \"timestamp\": %d}",
                    60 + 4 * Math.sin(t * Math.PI / 12), 8_000_000_000L + t * 1_000_000L, T0_SECONDS + t * 60));
        }
        Set<String> series = run(InputFormat.TELEGRAF_JSON, records, "vigil-kcat-json", 2 * STEPS);
        assertEquals(Set.of("mem_used_percent{host=db-1}", "mem_available{host=db-1}"), series);
    }

    /** Produces the records with kcat, runs the streamer, returns the series that got scores once all arrived. */
    private Set<String> run(InputFormat format, List<String> records, String appId, int expectedScores)
            throws Exception {
        StreamerSettings settings = StreamerSettings.defaults();
        try (KafkaTestCluster kafka = KafkaTestCluster.start();
             OnnxModel onnx = OnnxModel.load(model, InferenceOptions.defaults())) {
            StreamerHarness.createTopics(kafka, settings, 2);
            kafka.createTopic(appId + "-vigil-points", 2);
            kcat(kafka, settings.inputTopic(), records);
            VigilTopology.FanOut fanOut = new VigilTopology.FanOut(PointDecoders.of(format, DecoderOptions.defaults()),
                    appId + "-vigil-points");
            try (StreamerHarness streamer = new StreamerHarness(settings, onnx,
                    StreamerHarness.properties(kafka, appId, dir.resolve(appId)), fanOut)) {
                List<ConsumerRecord<String, String>> scores = StreamerHarness.readUntil(kafka,
                        settings.scoresTopic(), r -> r.size() >= expectedScores, Duration.ofSeconds(60));
                assertEquals(expectedScores, scores.size(), "one score per point fanned out of the records");
                long scored = scores.stream().filter(r -> "scored".equals(json(r.value()).get("status").asText()))
                        .count();
                Set<String> series = new TreeSet<>();
                scores.forEach(r -> series.add(r.key()));
                assertEquals((long) series.size() * (STEPS - TrainedModel.WINDOW), scored,
                        "every point after each series' " + TrainedModel.WINDOW + "-point warm-up is scored");
                return series;
            }
        }
    }

    /**
     * Each line is {@code key|value}: keyed by host, as Telegraf's Kafka output does with {@code routing_tag}, so
     * that one host's points stay in one partition, in order.
     */
    private static void kcat(KafkaTestCluster kafka, String topic, List<String> records)
            throws IOException, InterruptedException {
        Path file = Files.write(dir.resolve(topic + "-" + System.nanoTime() + ".txt"), records);
        Process kcat = new ProcessBuilder(TestTools.kcat().toString(), "-P", "-b", kafka.bootstrapServers(), "-t",
                topic, "-K", "|", "-l", file.toString()).redirectErrorStream(true).start();
        assertTrue(kcat.waitFor(60, TimeUnit.SECONDS), "kcat did not finish");
        assertEquals(0, kcat.exitValue(), "kcat failed: " + new String(kcat.getInputStream().readAllBytes()));
    }

    private static JsonNode json(String value) {
        try {
            return OutputJson.mapper().readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
