package dev.vigil.streamer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The endpoint's routes and status codes. */
class MetricsServerTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<String> notReady = new AtomicReference<>("Kafka Streams is REBALANCING");
    private final MetricsServer server = MetricsServer.start(0, registry, notReady::get);

    @AfterEach
    void close() {
        server.close();
        registry.close();
    }

    @Test
    void boundToAFreePortWhenZeroIsAskedFor() {
        assertTrue(server.port() > 0, "port " + server.port());
    }

    @Test
    void liveWhileRunningReadyOnlyWhenTheAppSaysSo() throws Exception {
        assertEquals(200, get("/health/live").statusCode());
        HttpResponse<String> ready = get("/health/ready");
        assertEquals(503, ready.statusCode());
        assertEquals("{\"status\":\"not ready\",\"reason\":\"Kafka Streams is REBALANCING\"}", ready.body());
        assertEquals("application/json", ready.headers().firstValue("Content-Type").orElse(""));
        notReady.set(null);
        assertEquals(200, get("/health/ready").statusCode());
        assertEquals(200, get("/health/live").statusCode());
    }

    @Test
    void metricsAreServedInThePrometheusTextFormat() throws Exception {
        Counter.builder("vigil.records.in").register(registry).increment(3);
        HttpResponse<String> metrics = get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertEquals(MetricsServer.CONTENT_TYPE, metrics.headers().firstValue("Content-Type").orElse(""));
        assertTrue(metrics.body().contains("\nvigil_records_in_total 3.0\n"), metrics.body());
    }

    @Test
    void metricsAreGzippedWhenTheScraperAcceptsIt() throws Exception {
        Counter.builder("vigil.records.in").register(registry).increment();
        HttpResponse<InputStream> response = http.send(request("/metrics").header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(""));
        try (InputStream body = new GZIPInputStream(response.body())) {
            assertTrue(new String(body.readAllBytes(), StandardCharsets.UTF_8).contains("vigil_records_in_total"));
        }
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        assertEquals(404, get("/metrics/extra").statusCode());
        assertEquals(404, get("/").statusCode());
        HttpResponse<String> post = http.send(request("/metrics").POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void closeStopsListeningAndIsIdempotent() {
        server.close();
        server.close();
        IOException refused = assertThrows(IOException.class, () -> get("/health/live"));
        assertTrue(refused instanceof ConnectException || refused.getCause() instanceof ConnectException,
                refused.toString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
    }
}
