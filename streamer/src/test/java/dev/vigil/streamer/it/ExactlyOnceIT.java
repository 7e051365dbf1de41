package dev.vigil.streamer.it;

import dev.vigil.streamer.inference.InferenceOptions;
import dev.vigil.streamer.inference.OnnxModel;
import dev.vigil.streamer.topology.StreamerSettings;
import dev.vigil.testsupport.KafkaTestCluster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With processing.guarantee=exactly_once_v2 the streamer writes transactionally: one committed score per point. */
class ExactlyOnceIT {

    static final int SERIES = 5;
    static final int STEPS = 40;
    static final long T0 = 1_767_225_600_000L;

    @TempDir
    Path dir;

    @Test
    void everyPointHasExactlyOneCommittedScore() throws IOException {
        Path modelFile = dir.resolve("golden.onnx");
        try (InputStream in = getClass().getResourceAsStream("/golden/model.onnx")) {
            Files.write(modelFile, in.readAllBytes());
        }
        StreamerSettings settings = StreamerSettings.defaults();
        try (KafkaTestCluster kafka = KafkaTestCluster.start();
             OnnxModel model = OnnxModel.load(modelFile, InferenceOptions.defaults())) {
            StreamerHarness.createTopics(kafka, settings, 2);
            Properties props = StreamerHarness.properties(kafka, "vigil-eos", dir.resolve("state"));
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            try (StreamerHarness streamer = new StreamerHarness(kafka, settings, model, props)) {
                List<ProducerRecord<String, String>> records = new ArrayList<>();
                for (int t = 0; t < STEPS; t++) {
                    for (int s = 0; s < SERIES; s++) {
                        records.add(new ProducerRecord<>("metrics", "eos-" + s, String.format(Locale.ROOT,
                                "{\"ts\": %d, \"values\": {\"value\": %s, \"flag\": 0}}", T0 + t * 60_000L,
                                100 * (s + 1) + 10 * Math.sin(t / 4.0))));
                    }
                }
                kafka.produce(records);
                StreamerHarness.readUntil(kafka, settings.scoresTopic(), r -> r.size() >= SERIES * STEPS,
                        Duration.ofSeconds(60), "read_committed");
                // read everything again, waiting a little for anything beyond the expected count
                List<ConsumerRecord<String, String>> scores = StreamerHarness.readUntil(kafka,
                        settings.scoresTopic(), r -> r.size() > SERIES * STEPS, Duration.ofSeconds(3),
                        "read_committed");
                Set<String> points = new HashSet<>();
                for (ConsumerRecord<String, String> r : scores) {
                    assertTrue(points.add(r.key() + "@" + r.value().replaceAll(".*\"ts\":(\\d+).*", "$1")),
                            "a second committed score for " + r.key() + ": " + r.value());
                }
                assertEquals(SERIES * STEPS, points.size(), "one committed score per input point");
            }
        }
    }
}
