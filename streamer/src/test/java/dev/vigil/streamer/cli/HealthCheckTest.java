package dev.vigil.streamer.cli;

import dev.vigil.streamer.metrics.MetricsServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The container health check against a real endpoint, in this JVM and as the image runs it. */
class HealthCheckTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<String> notReady = new AtomicReference<>("Kafka Streams is REBALANCING");
    private final MetricsServer server = MetricsServer.start(0, registry, notReady::get);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @AfterEach
    void close() {
        server.close();
        registry.close();
    }

    @Test
    void healthyOnlyWhileTheStreamerIsReady() {
        Map<String, String> env = Map.of("VIGIL_METRICS_PORT", Integer.toString(server.port()));
        assertEquals(1, HealthCheck.run(new String[0], env, out));
        assertTrue(output().startsWith("unhealthy: http://127.0.0.1:" + server.port() + "/health/ready answered 503 "
                + "{\"status\":\"not ready\",\"reason\":\"Kafka Streams is REBALANCING\"}"), output());
        notReady.set(null);
        printed.reset();
        assertEquals(0, HealthCheck.run(new String[0], env, out));
        assertTrue(output().startsWith("healthy: "), output());
    }

    @Test
    void livenessIsAnotherPathOnTheSamePort() {
        Map<String, String> env = Map.of("VIGIL_METRICS_PORT", Integer.toString(server.port()));
        assertEquals(0, HealthCheck.run(new String[] {"/health/live"}, env, out));
        assertEquals(1, HealthCheck.run(new String[] {"/no/such/path"}, env, out));
    }

    @Test
    void anUnreachableEndpointIsUnhealthy() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertEquals(1, HealthCheck.run(new String[] {"http://127.0.0.1:" + closedPort + "/health/ready"}, Map.of(),
                out));
        assertTrue(output().contains("unreachable"), output());
    }

    @Test
    void defaultsToTheDefaultMetricsPortAndRejectsBadArguments() {
        assertEquals(URI.create("http://127.0.0.1:9464/health/ready"), HealthCheck.target(new String[0], Map.of()));
        assertEquals(2, HealthCheck.run(new String[] {"health"}, Map.of(), out));
        assertEquals(2, HealthCheck.run(new String[0], Map.of("VIGIL_METRICS_PORT", "-1"), out));
        assertEquals(2, HealthCheck.run(new String[] {"/a", "/b"}, Map.of(), out));
    }

    /** The images run it as {@code java -cp /app/classes ...}: nothing but the streamer's own classes. */
    @Test
    void runsWithOnlyTheStreamersClassesOnTheClassPath() throws Exception {
        notReady.set(null);
        Path classes = Path.of(HealthCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-cp",
                classes.toString(), HealthCheck.class.getName())).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("VIGIL_") || name.startsWith("JAVA_"));
        builder.environment().put("VIGIL_METRICS_PORT", Integer.toString(server.port()));
        Process process = builder.start();
        String child = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "health check still running");
        assertEquals(0, process.exitValue(), child);
        assertTrue(child.startsWith("healthy: "), child);
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
