package dev.vigil.trainer.cli;

import dev.vigil.spec.ModelSpec;
import dev.vigil.spec.OnnxModelSpecReader;
import dev.vigil.testsupport.KafkaTestCluster;
import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.Series;
import dev.vigil.trainer.data.SyntheticHistory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole trainer against a real broker: history produced to the metrics topic, a model out. */
class TrainFromKafkaIT {

    @TempDir
    Path dir;

    @Test
    void trainsAModelFromTheMetricsTopic() {
        History history = SyntheticHistory.of(4, 700, 21).withFlag().generate();
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            kafka.createTopic("metrics", 2);
            List<ProducerRecord<String, String>> records = new ArrayList<>();
            for (Series series : history.series()) {
                for (int i = 0; i < series.length(); i++) {
                    records.add(new ProducerRecord<>("metrics", series.id(), String.format(Locale.ROOT,
                            "{\"ts\": %d, \"values\": {\"value\": %s, \"flag\": %s}}", series.timestamps()[i],
                            series.value(i, 0), series.value(i, 1))));
                }
            }
            kafka.produce(records);

            Path model = dir.resolve("kafka.onnx");
            TrainerCliTest.Run run = TrainerCliTest.run("--kafka-topic", "metrics", "--bootstrap-servers",
                    kafka.bootstrapServers(), "--targets", "value", "--window", "16", "--horizon", "4",
                    "--layers", "1", "--hidden", "16", "--epochs", "2", "--quiet", "--no-charts",
                    "--output", model.toString());

            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("Read 4 series, 2800 points"), run.out());
            ModelSpec spec = OnnxModelSpecReader.read(model);
            assertEquals(List.of("flag", "value"), spec.features(), "features of the first record, by name");
            assertEquals(List.of("value"), spec.targets());
            assertEquals("kafka:metrics", spec.provenance().data().source());
            assertEquals(60_000L, spec.stepMillis(), "median spacing of the produced timestamps");
        }
    }

    @Test
    void missingTopicIsAClearErrorWithExitCode2() {
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            TrainerCliTest.Run run = TrainerCliTest.run("--kafka-topic", "nope", "--bootstrap-servers",
                    kafka.bootstrapServers(), "--kafka-timeout", "PT10S", "--output", dir.resolve("m.onnx").toString());
            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.err().startsWith("error: ") && run.err().contains("'nope'"), run.err());
            assertTrue(run.err().contains("does not exist"), run.err());
        }
    }
}
