package dev.vigil.streamer.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.output.OutputJson;
import dev.vigil.testsupport.TestTools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Alertmanager as a child process, clustering off, routing every alert to a receiver that sends nothing;
 * {@link #alerts(String)} reads its API. Close stops it.
 */
final class AlertmanagerProcess implements AutoCloseable {

    private static final String CONFIG = """
            route:
              receiver: "null"
              group_wait: 1s
            receivers:
              - name: "null"
            """;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private AlertmanagerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts Alertmanager on {@code 127.0.0.1:port}, its files under {@code dir}, and waits until it is ready. */
    static AlertmanagerProcess start(Path dir, int port) throws IOException, InterruptedException {
        Path config = Files.writeString(Files.createDirectories(dir).resolve("alertmanager.yml"), CONFIG);
        Path storage = Files.createDirectories(dir.resolve("data"));
        Path log = dir.resolve("alertmanager.log");
        Process process = new ProcessBuilder(TestTools.alertmanager().toString(),
                "--config.file=" + config, "--storage.path=" + storage,
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AlertmanagerProcess am = new AlertmanagerProcess(process, log, port);
        try {
            am.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            am.close();
            throw e;
        }
        return am;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Alertmanager exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Alertmanager not ready after " + READY_TIMEOUT + ":\n" + log());
            }
            Thread.sleep(100);
        }
    }

    /** {@code GET /api/v2/alerts} with the given filter matchers (such as {@code series="web-1"}), active only. */
    List<JsonNode> alerts(String... filters) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder("/api/v2/alerts?active=true");
        for (String filter : filters) {
            query.append("&filter=").append(URLEncoder.encode(filter, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = get(query.toString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + query + ": HTTP " + response.statusCode() + " " + response.body());
        }
        List<JsonNode> alerts = new ArrayList<>();
        OutputJson.mapper().readTree(response.body()).forEach(alerts::add);
        return alerts;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5)).GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no output)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
