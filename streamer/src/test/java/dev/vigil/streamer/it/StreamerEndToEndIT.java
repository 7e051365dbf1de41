package dev.vigil.streamer.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.inference.InferenceOptions;
import dev.vigil.streamer.inference.OnnxModel;
import dev.vigil.streamer.output.OutputJson;
import dev.vigil.streamer.topology.StreamerSettings;
import dev.vigil.testsupport.KafkaTestCluster;
import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.Series;
import dev.vigil.trainer.data.SyntheticHistory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
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
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trained model, 100 series with injected anomalies and some bad records on a real broker: every point after the
 * warm-up is scored exactly once, the injected anomalies open and resolve, bad records are dead-lettered, and the
 * app keeps running.
 */
class StreamerEndToEndIT {

    static final int SERIES = 100;
    static final int STEPS = 240;
    static final int ANOMALY_START = 160;
    static final int ANOMALY_LENGTH = 6;
    static final int BAD_RECORDS = 5;

    @TempDir
    Path dir;

    @Test
    void scoresEveryPointOpensAndResolvesInjectedAnomaliesAndDeadLettersBadRecords() {
        Path modelFile = TrainedModel.train(dir);
        History history = SyntheticHistory.of(SERIES, STEPS, 99).generate();
        Set<String> injected = new HashSet<>();
        List<ProducerRecord<String, String>> records = records(history, injected);
        StreamerSettings settings = StreamerSettings.defaults();
        try (KafkaTestCluster kafka = KafkaTestCluster.start();
             OnnxModel model = OnnxModel.load(modelFile, InferenceOptions.defaults())) {
            StreamerHarness.createTopics(kafka, settings, 4);
            try (StreamerHarness streamer = new StreamerHarness(kafka, settings, model, "vigil-e2e",
                    dir.resolve("state"))) {
                kafka.produce(records);
                int expectedScores = SERIES * STEPS;
                List<ConsumerRecord<String, String>> scores = StreamerHarness.readUntil(kafka,
                        settings.scoresTopic(), r -> r.size() >= expectedScores, Duration.ofSeconds(180));
                List<ConsumerRecord<String, String>> dead = StreamerHarness.readUntil(kafka,
                        settings.deadLetterTopic(), r -> r.size() >= BAD_RECORDS, Duration.ofSeconds(30));
                List<ConsumerRecord<String, String>> events = StreamerHarness.readUntil(kafka,
                        settings.anomaliesTopic(), r -> resolvedSeries(r).containsAll(injected), Duration.ofSeconds(30));

                assertEveryPointScoredOnce(scores);
                assertEquals(BAD_RECORDS, dead.size(), "every bad record is dead-lettered");
                assertInjectedAnomaliesOpenAndResolve(events, injected);
                assertEquals(KafkaStreams.State.RUNNING, streamer.streams.state(), "the app keeps running");
            }
        }
    }

    private static List<ProducerRecord<String, String>> records(History history, Set<String> injected) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int t = 0; t < STEPS; t++) {
            for (int s = 0; s < SERIES; s++) {
                Series series = history.series().get(s);
                double value = series.value(t, 0);
                if (s % 10 == 0 && t >= ANOMALY_START && t < ANOMALY_START + ANOMALY_LENGTH) {
                    injected.add(series.id());
                    value += 3 * Math.abs(series.value(0, 0)) + 1;
                }
                records.add(new ProducerRecord<>("metrics", series.id(), String.format(Locale.ROOT,
                        "{\"ts\": %d, \"value\": %s, \"labels\": {\"host\": \"%s\"}}", series.timestamps()[t], value,
                        series.id())));
            }
            if (t % 50 == 25) {
                records.add(new ProducerRecord<>("metrics", "synthetic-001", "{\"ts\": \"not a time\", \"value\": 1}"));
            }
        }
        return records;
    }

    private static void assertEveryPointScoredOnce(List<ConsumerRecord<String, String>> scores) {
        Map<String, Integer> scoredPerSeries = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (ConsumerRecord<String, String> r : scores) {
            JsonNode score = json(r.value());
            assertTrue(seen.add(r.key() + "@" + score.get("ts").asLong()), "scored twice: " + r.key() + " at "
                    + score.get("ts").asLong());
            if ("scored".equals(score.get("status").asText())) {
                scoredPerSeries.merge(r.key(), 1, Integer::sum);
            }
        }
        assertEquals(SERIES * STEPS, scores.size(), "one score record per input point");
        assertEquals(SERIES, scoredPerSeries.size(), "every series is scored");
        scoredPerSeries.forEach((series, n) -> assertEquals(STEPS - TrainedModel.WINDOW, n,
                series + ": every point after the " + TrainedModel.WINDOW + "-point warm-up is scored"));
    }

    private static void assertInjectedAnomaliesOpenAndResolve(List<ConsumerRecord<String, String>> events,
                                                              Set<String> injected) {
        long start = SyntheticHistory.START_MILLIS + ANOMALY_START * 60_000L;
        long end = start + ANOMALY_LENGTH * 60_000L;
        for (String series : injected) {
            List<JsonNode> own = events.stream().filter(e -> e.key().equals(series)).map(e -> json(e.value()))
                    .filter(e -> e.get("openedAt").asLong() >= start && e.get("openedAt").asLong() < end).toList();
            assertTrue(own.stream().anyMatch(e -> e.get("type").asText().equals("OPENED")),
                    series + ": the injected anomaly opens; events of the series: " + events.stream()
                            .filter(e -> e.key().equals(series)).map(ConsumerRecord::value).toList());
            assertTrue(own.stream().anyMatch(e -> e.get("type").asText().equals("RESOLVED")),
                    series + ": the injected anomaly resolves; events: " + own);
            assertEquals(series, own.get(0).get("labels").get("host").asText(), "labels travel to the event");
        }
        long falseOpens = events.stream().filter(e -> !injected.contains(e.key()))
                .filter(e -> json(e.value()).get("type").asText().equals("OPENED")).count();
        System.out.printf("injected anomalies: %d series; anomalies opened on other series: %d of %d%n",
                injected.size(), falseOpens, SERIES - injected.size());
    }

    private static Set<String> resolvedSeries(List<ConsumerRecord<String, String>> events) {
        Set<String> resolved = new HashSet<>();
        events.stream().filter(e -> json(e.value()).get("type").asText().equals("RESOLVED"))
                .forEach(e -> resolved.add(e.key()));
        return resolved;
    }

    private static JsonNode json(String value) {
        try {
            return OutputJson.mapper().readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
