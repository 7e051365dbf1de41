package dev.vigil.streamer.dashboards;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server in a child process, on a free local port, with its data in a temporary folder; answers
 * queries through the HTTP API. Close it to stop the process.
 */
final class PrometheusServer implements AutoCloseable {

    /** What a query returned: an error, or how many series and whether any sample is a finite number. */
    record Result(String error, int series, boolean anyFinite) {
    }

    private final Process process;
    private final Path log;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, Path log, URI base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    /** Starts {@code binary} with {@code config} (YAML text) and waits until it is ready. */
    static PrometheusServer start(Path binary, Path dir, String config) throws IOException, InterruptedException {
        Path configFile = Files.writeString(dir.resolve("prometheus.yml"), config);
        int port = freePort();
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary.toString(), "--config.file=" + configFile,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, log, URI.create("http://127.0.0.1:" + port));
        try {
            server.awaitReady(Duration.ofSeconds(30));
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Runs {@code expr} over {@code [from, to]} at one-second steps. */
    Result queryRange(String expr, Instant from, Instant to) {
        JsonNode body = get("/api/v1/query_range?query=" + encode(expr) + "&start=" + from.getEpochSecond()
                + "&end=" + to.getEpochSecond() + "&step=1");
        if (!"success".equals(body.path("status").asText())) {
            return new Result(body.path("errorType").asText() + ": " + body.path("error").asText(), 0, false);
        }
        boolean finite = false;
        for (JsonNode series : body.path("data").path("result")) {
            for (JsonNode sample : series.path("values")) {
                finite |= Double.isFinite(Double.parseDouble(sample.get(1).asText()));
            }
        }
        return new Result(null, body.path("data").path("result").size(), finite);
    }

    /** Runs {@code expr} now; returns the values of {@code label} over the result's series, in result order. */
    List<String> labelValues(String expr, String label) {
        JsonNode body = get("/api/v1/query?query=" + encode(expr));
        if (!"success".equals(body.path("status").asText())) {
            throw new IllegalStateException(expr + ": " + body.path("error").asText());
        }
        List<String> values = new ArrayList<>();
        body.path("data").path("result").forEach(s -> values.add(s.path("metric").path(label).asText()));
        return values;
    }

    /** The rule groups as {@code /api/v1/rules} reports them (health, lastError, ...). */
    JsonNode ruleGroups() {
        return get("/api/v1/rules").path("data").path("groups");
    }

    /** The value of {@code expr}'s first series now, or NaN when the result is empty. */
    double value(String expr) {
        JsonNode body = get("/api/v1/query?query=" + encode(expr));
        JsonNode first = body.path("data").path("result").path(0);
        return first.isMissingNode() ? Double.NaN : Double.parseDouble(first.path("value").path(1).asText());
    }

    /** The end of Prometheus' own log, for failure messages. */
    String logTail() {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 3000));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(base.resolve("/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Prometheus not ready after " + timeout + ":\n" + logTail());
    }

    private JsonNode get(String pathAndQuery) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return ObservabilityFiles.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + pathAndQuery + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops Prometheus: SIGTERM, then SIGKILL after ten seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
