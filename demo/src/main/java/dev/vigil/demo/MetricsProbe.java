package dev.vigil.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a few counters from the streamer's /metrics, the way Prometheus would, to show that it is served. */
final class MetricsProbe {

    static final List<String> COUNTERS = List.of("vigil_records_in_total", "vigil_records_scored_total",
            "vigil_anomalies_opened_total", "vigil_anomalies_resolved_total");

    private MetricsProbe() {
    }

    /** Each counter's value summed over its labels; empty when /metrics does not answer. */
    static Map<String, Double> read(int port) {
        Map<String, Double> values = new LinkedHashMap<>();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return values;
            }
            for (String line : response.body().split("\n")) {
                for (String name : COUNTERS) {
                    if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                        values.merge(name, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)),
                                Double::sum);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return values;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return values;
    }
}
