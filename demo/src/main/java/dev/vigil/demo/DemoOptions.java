package dev.vigil.demo;

import dev.vigil.generator.AnomalyMix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What one demo run does.
 *
 * @param series        series the generator sends
 * @param duration      event time covered by every series (the step is the model's)
 * @param rate          points per second over all series; 0 sends as fast as the broker takes them
 * @param seed          the generator's seed
 * @param anomalies     anomaly kinds injected
 * @param anomalyRate   anomalies per series per day of event time
 * @param magnitude     multiplies every anomaly's size
 * @param metricsPort   port of /metrics; 0 picks a free one
 * @param portFallback  whether a busy {@code metricsPort} falls back to a free one instead of failing
 * @param model         the ONNX model; null with {@code train}
 * @param train         train a fresh model first with the script that made the default one
 * @param home          the Vigil checkout (for {@code models/} and {@code scripts/})
 * @param keepData      keep the temporary folder (broker log, streamer state) instead of deleting it
 * @param summaryEvery  how often the progress line is printed
 * @param settings      streamer configuration keys set over the demo's
 */
public record DemoOptions(int series, Duration duration, double rate, long seed, AnomalyMix anomalies,
                          double anomalyRate, double magnitude, int metricsPort, boolean portFallback, Path model,
                          boolean train, Path home, boolean keepData, Duration summaryEvery,
                          Map<String, String> settings) {

    public DemoOptions {
        settings = Map.copyOf(settings);
        if (series < 1) {
            throw new IllegalArgumentException("--series: found " + series + ", expected at least 1");
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("--rate: found " + rate + ", expected points per second >= 0");
        }
        if (metricsPort < 0 || metricsPort > 65535) {
            throw new IllegalArgumentException("--metrics-port: found " + metricsPort + ", expected 0 to 65535");
        }
    }
}
