package dev.vigil.streamer.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Histogram;

import java.util.function.DoubleConsumer;

/**
 * A histogram of fractional values (scores in [0, 1], errors and thresholds in scaled units), whose buckets below 1
 * must work. Micrometer rounds every value recorded into a distribution summary's histogram up to a whole number
 * before it picks a bucket (1.17: a score of 0.19 lands in the {@code le="1.0"} bucket), so on a Prometheus registry
 * these are Prometheus client histograms registered beside Micrometer's meters, exported as {@code <name>_bucket},
 * {@code _count} and {@code _sum} in the same scrape. On any other registry they are plain distribution summaries
 * (count, total, max) without buckets.
 */
final class FractionalHistogram {

    private FractionalHistogram() {
    }

    /** Registers the histogram; returns what records one value. {@code name} is in Micrometer's dot case. */
    static DoubleConsumer register(MeterRegistry registry, String name, String description, double[] buckets) {
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            Histogram histogram = Histogram.builder().name(name.replace('.', '_')).help(description)
                    .classicUpperBounds(buckets).classicOnly().withoutExemplars()
                    .register(prometheus.getPrometheusRegistry());
            return histogram::observe;
        }
        DistributionSummary summary = DistributionSummary.builder(name).description(description).register(registry);
        return summary::record;
    }
}
