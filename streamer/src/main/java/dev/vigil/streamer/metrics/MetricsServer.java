package dev.vigil.streamer.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;

/**
 * The HTTP endpoint on the JDK's built-in server: {@code GET /metrics} (Prometheus text format), {@code GET
 * /health/live} (200 while the process runs) and {@code GET /health/ready} (200 when ready, else 503 with a short
 * JSON body saying why). Listens on all interfaces; {@link #close()} waits at most about two seconds.
 */
public final class MetricsServer implements AutoCloseable {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Whether the app can serve traffic. */
    @FunctionalInterface
    public interface Readiness {
        /** {@code null} when ready, else a short reason. */
        String whyNotReady();
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final PrometheusMeterRegistry registry;
    private final Readiness readiness;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MetricsServer(HttpServer server, ExecutorService executor, PrometheusMeterRegistry registry,
                          Readiness readiness) {
        this.server = server;
        this.executor = executor;
        this.registry = registry;
        this.readiness = readiness;
        this.port = server.getAddress().getPort();
    }

    /**
     * Binds {@code port} (0 picks a free one) and starts serving.
     *
     * @throws UncheckedIOException when the port cannot be bound, with {@link java.net.BindException} as cause when
     *                              it is in use
     */
    public static MetricsServer start(int port, PrometheusMeterRegistry registry, Readiness readiness) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(readiness, "readiness");
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on port " + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "vigil-metrics-http");
            thread.setDaemon(true);
            return thread;
        });
        MetricsServer server = new MetricsServer(http, executor, registry, readiness);
        http.createContext("/", server::handle);
        http.setExecutor(executor);
        http.start();
        LOG.info("Serving http://0.0.0.0:{}/metrics, /health/live and /health/ready", server.port());
        return server;
    }

    /** The bound port, which is the free one picked when 0 was asked for. */
    public int port() {
        return port;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, JSON, json("error", "method " + method + " not allowed"));
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/metrics" -> metrics(exchange);
                case "/health/live" -> send(exchange, 200, JSON, json("status", "live"));
                case "/health/ready" -> ready(exchange);
                default -> send(exchange, 404, JSON, json("error", "not found; try /metrics, /health/live or "
                        + "/health/ready"));
            }
        } catch (RuntimeException e) {
            LOG.warn("Metrics endpoint failed to answer {}", exchange.getRequestURI(), e);
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
        String accept = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        if (accept != null && accept.contains("gzip")) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream(body.length / 4 + 64);
            try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                gzip.write(body);
            }
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            body = zipped.toByteArray();
        }
        send(exchange, 200, CONTENT_TYPE, body);
    }

    private void ready(HttpExchange exchange) throws IOException {
        String why;
        try {
            why = readiness.whyNotReady();
        } catch (RuntimeException e) {
            why = "readiness check failed: " + e;
        }
        if (why == null) {
            send(exchange, 200, JSON, json("status", "ready"));
        } else {
            send(exchange, 503, JSON, json("status", "not ready", "reason", why));
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] json(String... keyValues) {
        Map<String, String> body = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            body.put(keyValues[i], keyValues[i + 1]);
        }
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    /** Stops accepting requests, gives those in flight a second, then stops the handler threads. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(1);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                LOG.warn("Metrics endpoint threads still busy after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Metrics endpoint on port {} closed", port);
    }
}
