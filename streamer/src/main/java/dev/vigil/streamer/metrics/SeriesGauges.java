package dev.vigil.streamer.metrics;

import dev.vigil.streamer.output.ScoreRecord;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The gauges of one series, reading its latest scored point: actual, expected, lower and upper per target, and the
 * anomaly score. The hot path only replaces {@link #latest}; the gauges read it when scraped.
 */
final class SeriesGauges {

    final String series;
    volatile ScoreRecord latest;
    private volatile List<Meter> meters = List.of();

    SeriesGauges(String series) {
        this.series = series;
    }

    boolean registered() {
        return !meters.isEmpty();
    }

    synchronized void register(MeterRegistry registry, List<String> targets) {
        if (!meters.isEmpty()) {
            return;
        }
        List<Meter> added = new ArrayList<>();
        for (String target : targets) {
            added.add(gauge(registry, "vigil.series.actual", "Latest value of a tracked series' target",
                    target, ScoreRecord::actual));
            added.add(gauge(registry, "vigil.series.expected", "Forecast for a tracked series' latest point",
                    target, ScoreRecord::expected));
            added.add(gauge(registry, "vigil.series.lower", "Lower edge of the normal band at the latest point",
                    target, ScoreRecord::lower));
            added.add(gauge(registry, "vigil.series.upper", "Upper edge of the normal band at the latest point",
                    target, ScoreRecord::upper));
        }
        added.add(Gauge.builder("vigil.series.score", this, g -> value(g.latest == null ? null : g.latest.score()))
                .tag("series", series).description("Anomaly score of a tracked series' latest point")
                .strongReference(true).register(registry));
        meters = List.copyOf(added);
    }

    synchronized void remove(MeterRegistry registry) {
        meters.forEach(registry::remove);
        meters = List.of();
    }

    private Meter gauge(MeterRegistry registry, String name, String description, String target,
                        Function<ScoreRecord, Map<String, Double>> field) {
        return Gauge.builder(name, this, g -> {
            ScoreRecord score = g.latest;
            Map<String, Double> values = score == null ? null : field.apply(score);
            return value(values == null ? null : values.get(target));
        }).tags("series", series, "target", target).description(description).strongReference(true)
                .register(registry);
    }

    private static double value(Double value) {
        return value == null ? Double.NaN : value;
    }
}
