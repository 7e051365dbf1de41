package dev.vigil.streamer.metrics;

import dev.vigil.streamer.it.StreamerHarness;
import dev.vigil.streamer.cli.StreamsRunner;
import dev.vigil.streamer.config.MetricsKeys;
import dev.vigil.streamer.inference.InferenceOptions;
import dev.vigil.streamer.inference.OnnxModel;
import dev.vigil.streamer.topology.StreamerSettings;
import dev.vigil.streamer.topology.VigilTopology;
import dev.vigil.testsupport.KafkaTestCluster;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Predicate;

import static dev.vigil.streamer.metrics.PrometheusText.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The streamer wired as the CLI wires it, on a real broker with the golden model: /health/ready turns 200 once
 * Kafka Streams runs, and /metrics shows Vigil's meters with the values the fed points imply, beside Kafka
 * Streams' own metrics.
 */
class MetricsEndpointIT {

    static final int SERIES = 20;
    static final int POINTS = 40;
    static final int WINDOW = 8;
    static final int TOP = 5;
    static final long STEP = 60_000;
    static final long START = 1_767_225_600_000L;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void endpointShowsVigilAndKafkaStreamsMetricsAndTurnsReady() throws Exception {
        Path modelFile = dir.resolve("model.onnx");
        try (InputStream golden = getClass().getResourceAsStream("/golden/model.onnx")) {
            Files.write(modelFile, golden.readAllBytes());
        }
        StreamerSettings settings = StreamerSettings.defaults();
        try (KafkaTestCluster kafka = KafkaTestCluster.start();
             Observability observability = Observability.start(new MetricsKeys.Settings(0, List.of(), TOP))) {
            for (String topic : List.of(settings.inputTopic(), settings.scoresTopic(), settings.forecastsTopic(),
                    settings.anomaliesTopic(), settings.deadLetterTopic())) {
                kafka.createTopic(topic, 2);
            }
            OnnxModel model = OnnxModel.load(modelFile, InferenceOptions.defaults());
            StreamerMetrics meters = observability.modelLoaded(model, model.executionProvider());
            KafkaStreams streams = observability.bind(new KafkaStreams(VigilTopology.build(settings, model, meters),
                    properties(kafka)));
            try (StreamsRunner runner = new StreamsRunner(streams, Duration.ofSeconds(30), model)) {
                HttpResponse<String> before = get(observability, "/health/ready");
                assertEquals(503, before.statusCode());
                assertTrue(before.body().contains("Kafka Streams is CREATED"), before.body());

                runner.start();
                kafka.produce(records(settings.inputTopic()));
                awaitStatus(observability, "/health/ready", 200);
                String text = awaitScrape(observability, s -> value(s, "vigil_records_in_total") >= SERIES * POINTS + 1
                        && value(s, "vigil_records_scored_total{status=\"scored\"}") >= SERIES * (POINTS - WINDOW)
                        && value(s, "vigil_state_series") > 0 && s.contains("\nkafka_stream_thread_"));
                Files.writeString(Path.of("target", "metrics-endpoint-it.prom"), text);
                assertVigilMeters(text);
                assertEquals(200, get(observability, "/health/live").statusCode());
            }
        }
    }

    private static void assertVigilMeters(String text) {
        assertEquals(SERIES * POINTS + 1, value(text, "vigil_records_in_total"));
        assertEquals(SERIES * (POINTS - WINDOW), value(text, "vigil_records_scored_total{status=\"scored\"}"));
        assertEquals(SERIES * WINDOW, value(text, "vigil_records_scored_total{status=\"warming_up\"}"));
        assertEquals(1, value(text, "vigil_records_dead_lettered_total{reason=\"invalid-record\"}"));
        assertEquals(0, value(text, "vigil_records_dead_lettered_total{reason=\"late-timestamp\"}"));
        assertEquals(0, value(text, "vigil_series_warming_up"), "every series finished its warm-up");
        assertTrue(value(text, "vigil_batch_size_count") > 0, "inference batches recorded");
        assertTrue(value(text, "vigil_inference_latency_seconds_count") > 0, "inference latency recorded");
        assertEquals(SERIES * POINTS, value(text, "vigil_event_lag_seconds_count"), "lag of every score record");
        assertEquals(SERIES * (POINTS - WINDOW), value(text, "vigil_anomaly_score_count"));
        assertEquals(SERIES * (POINTS - WINDOW), value(text, "vigil_anomaly_score_bucket{le=\"+Inf\"}"));
        assertTrue(text.contains("\nvigil_model_info{"), "model info");
        assertTrue(text.contains("window=\"8\""), "model info tags");
        assertTrue(text.contains("\nvigil_model_calibrated_threshold{quantile=\"0.999\",step=\"3\"}"), text);
        assertEquals(TOP, text.lines().filter(l -> l.startsWith("vigil_series_score{")).count(),
                "per-series meters for the top " + TOP + " series of " + SERIES);
        assertEquals(TOP, text.lines().filter(l -> l.startsWith("vigil_series_upper{")).count());
        assertTrue(value(text, "vigil_state_series") > 0, "series in the state stores (RocksDB's estimate)");
        assertTrue(value(text, "vigil_anomaly_score_bucket{le=\"0.5\"}") > 0, "fractional buckets are filled");
        assertTrue(text.contains("\nvigil_anomalies_active{severity=\"CRITICAL\"}"), "active anomalies gauge");
        assertTrue(text.contains("\njvm_memory_used_bytes{"), "JVM meters");
    }

    private static List<ProducerRecord<String, String>> records(String topic) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int t = 0; t < POINTS; t++) {
            for (int s = 0; s < SERIES; s++) {
                double value = 100 + 10 * s + 5 * Math.sin(2 * Math.PI * t / 12.0 + s);
                records.add(new ProducerRecord<>(topic, "series-" + s, String.format(Locale.ROOT,
                        "{\"ts\": %d, \"values\": {\"value\": %.4f, \"flag\": %d}}", START + t * STEP, value,
                        t % 6 == 0 ? 1 : 0)));
            }
            if (t == POINTS / 2) {
                records.add(new ProducerRecord<>(topic, "series-0", "{\"ts\": \"not a time\", \"values\": {}}"));
            }
        }
        return records;
    }

    private Properties properties(KafkaTestCluster kafka) {
        return StreamerHarness.properties(kafka, "vigil-metrics-it", dir.resolve("state"));
    }

    private String awaitScrape(Observability observability, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            text = get(observability, "/metrics").body();
            if (done.test(text)) {
                return text;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("/metrics did not reach the expected values in time:\n" + text);
    }

    private void awaitStatus(Observability observability, String path, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> response = get(observability, path);
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            response = get(observability, path);
        }
        assertEquals(status, response.statusCode(), path + ": " + response.body());
    }

    private HttpResponse<String> get(Observability observability, String path)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + observability.port() + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
