package dev.vigil.streamer.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.streamer.output.OutputJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * Posts alerts to Alertmanager's API v2 ({@code POST <base>/api/v2/alerts}), one attempt per call: retrying is the
 * caller's business. A connection failure, a timeout, 408, 429 or a 5xx answer is worth retrying; any other 4xx means
 * Alertmanager refused the alerts and sending them again would not help.
 */
final class AlertmanagerClient {

    /** How one post went. */
    enum Outcome { DELIVERED, REJECTED, RETRY }

    /** The outcome, with the HTTP status (0 when there was no answer) and a short detail for the log. */
    record Result(Outcome outcome, int status, String detail) {
    }

    private static final int DETAIL_CHARS = 300;

    private final URI endpoint;
    private final HttpClient http;
    private final Duration requestTimeout;

    /** @param baseUrl Alertmanager's base URL, such as {@code http://alertmanager:9093} */
    AlertmanagerClient(String baseUrl, Duration requestTimeout) {
        this.endpoint = endpoint(baseUrl);
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    static URI endpoint(String baseUrl) {
        String base = baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        URI uri = URI.create(base + "/api/v2/alerts");
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("expected an http:// or https:// URL, found '" + baseUrl + "'");
        }
        return uri;
    }

    URI endpoint() {
        return endpoint;
    }

    /**
     * Posts {@code alerts} in one request; firing ones end at {@code firingUntil} unless posted again.
     *
     * @throws InterruptedException when the calling thread is interrupted while waiting for the answer
     */
    Result post(Collection<Alert> alerts, Instant firingUntil) throws InterruptedException {
        byte[] body;
        try {
            body = OutputJson.mapper().writeValueAsBytes(Alert.toJsonArray(alerts, firingUntil));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise alerts", e);
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Result(Outcome.RETRY, 0, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        int status = response.statusCode();
        String detail = abbreviate(response.body());
        if (status >= 200 && status < 300) {
            return new Result(Outcome.DELIVERED, status, detail);
        }
        boolean refused = status >= 400 && status < 500 && status != 408 && status != 429;
        return new Result(refused ? Outcome.REJECTED : Outcome.RETRY, status, detail);
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return flat.length() <= DETAIL_CHARS ? flat : flat.substring(0, DETAIL_CHARS) + "...";
    }
}
