package dev.vigil.streamer.dashboards;

import dev.vigil.streamer.it.StreamerHarness;
import dev.vigil.streamer.config.MetricsKeys;
import dev.vigil.streamer.inference.OnnxModel;
import dev.vigil.streamer.metrics.Observability;
import dev.vigil.streamer.metrics.StreamerMetrics;
import dev.vigil.streamer.topology.StreamerSettings;
import dev.vigil.streamer.topology.VigilTopology;
import dev.vigil.testsupport.KafkaTestCluster;
import org.apache.kafka.streams.KafkaStreams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * The streamer wired as its CLI wires it (metrics endpoint first, Vigil's meters once the model is loaded, Kafka
 * Streams' metrics bound before the client starts), against a real broker, with the endpoint on a free port.
 */
final class MeteredStreamer implements AutoCloseable {

    private final Observability observability;
    private final KafkaStreams streams;

    private MeteredStreamer(Observability observability, KafkaStreams streams) {
        this.observability = observability;
        this.streams = streams;
    }

    /** Creates the topics, starts the endpoint and Kafka Streams; {@code model} must outlive this. */
    static MeteredStreamer start(KafkaTestCluster kafka, StreamerSettings settings, OnnxModel model, Path stateDir) {
        kafka.createTopic(settings.inputTopic(), 2);
        kafka.createTopic(settings.scoresTopic(), 2);
        kafka.createTopic(settings.forecastsTopic(), 2);
        kafka.createTopic(settings.anomaliesTopic(), 2);
        kafka.createTopic(settings.deadLetterTopic(), 1);
        Observability observability = Observability.start(new MetricsKeys.Settings(0, List.of(), 10));
        try {
            StreamerMetrics meters = observability.modelLoaded(model, model.executionProvider());
            KafkaStreams streams = observability.bind(new KafkaStreams(VigilTopology.build(settings, model, meters),
                    properties(kafka, stateDir)));
            streams.start();
            return new MeteredStreamer(observability, streams);
        } catch (RuntimeException e) {
            observability.close();
            throw e;
        }
    }

    /** The port serving /metrics. */
    int port() {
        return observability.port();
    }

    /** What GET /metrics answers now. */
    String scrape() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port()
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Properties properties(KafkaTestCluster kafka, Path stateDir) {
        return StreamerHarness.properties(kafka, "vigil-dashboards", stateDir);
    }

    /** Closes Kafka Streams, then the endpoint and the meters. */
    @Override
    public void close() {
        try {
            streams.close(Duration.ofSeconds(30));
        } finally {
            observability.close();
        }
    }
}
