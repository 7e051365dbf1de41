package dev.vigil.streamer.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.streamer.output.OutputJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * A tiny HTTP server standing in for Alertmanager's {@code POST /api/v2/alerts}: it records every post and answers
 * with the status its responder picks (200 by default). It can be created before it listens, to play an
 * Alertmanager that is down, and started later on the same port.
 */
final class FakeAlertmanager implements AutoCloseable {

    /** One request: when it came, the alerts in it, and the status it was answered with. */
    record Post(Instant at, ArrayNode alerts, int status) {
    }

    private final int port;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private volatile ToIntFunction<ArrayNode> responder = alerts -> 200;
    private HttpServer server;

    private FakeAlertmanager(int port) {
        this.port = port;
    }

    /** A server listening on a free port. */
    static FakeAlertmanager started() {
        FakeAlertmanager fake = new FakeAlertmanager(freePort());
        fake.start();
        return fake;
    }

    /** A server that does not listen yet: connections are refused until {@link #start()}. */
    static FakeAlertmanager down() {
        return new FakeAlertmanager(freePort());
    }

    synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Chooses each answer's status from the posted alerts. */
    void respond(ToIntFunction<ArrayNode> responder) {
        this.responder = responder;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    List<Post> posts() {
        return List.copyOf(posts);
    }

    /** Every alert posted and answered 2xx, in order. */
    List<JsonNode> accepted() {
        List<JsonNode> alerts = new ArrayList<>();
        posts.stream().filter(p -> p.status() / 100 == 2).forEach(p -> p.alerts().forEach(alerts::add));
        return alerts;
    }

    /** Waits until {@code done} holds for the accepted alerts; fails the test after {@code timeout}. */
    List<JsonNode> awaitAccepted(Predicate<List<JsonNode>> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(accepted())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout + "; accepted: " + accepted()
                        + "; posts: " + posts.size());
            }
            Thread.sleep(20);
        }
        return accepted();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            int status;
            ArrayNode alerts = OutputJson.mapper().createArrayNode();
            if (!"POST".equals(exchange.getRequestMethod())
                    || !"/api/v2/alerts".equals(exchange.getRequestURI().getPath())) {
                status = 404;
            } else {
                alerts = (ArrayNode) OutputJson.mapper().readTree(body);
                status = responder.applyAsInt(alerts);
            }
            posts.add(new Post(Instant.now(), alerts, status));
            byte[] answer = (status / 100 == 2 ? "" : "refused: status " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    /** A JSON object of strings as a map. */
    static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new HashMap<>();
        object.properties().forEach(field -> map.put(field.getKey(), field.getValue().asText()));
        return map;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
