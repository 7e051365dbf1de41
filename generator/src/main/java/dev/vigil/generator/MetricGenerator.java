package dev.vigil.generator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded data set: {@link GeneratorSpec#series()} series with their shapes and planned anomalies. Series {@code i}
 * is named {@code <archetype>-<i>} ({@code cpu-000}, {@code latency-001}, ...) and gets its own random streams for
 * its shape, its anomalies and its noise, derived from the seed and {@code i} alone: the same seed gives the same
 * values and labels in any output order, and a series does not change when more series are asked for.
 */
public final class MetricGenerator {

    private final GeneratorSpec spec;
    private final List<SeriesProfile> profiles;
    private final List<List<Anomaly>> anomalies;
    private final long[] noiseSeeds;

    public MetricGenerator(GeneratorSpec spec) {
        this.spec = spec;
        int n = spec.series();
        this.profiles = new ArrayList<>(n);
        this.anomalies = new ArrayList<>(n);
        this.noiseSeeds = new long[n];
        SplittableRandom master = new SplittableRandom(spec.seed());
        int width = Math.max(3, String.valueOf(n - 1).length());
        for (int i = 0; i < n; i++) {
            SplittableRandom series = new SplittableRandom(master.nextLong());
            Archetype archetype = Archetype.forSeries(i);
            String id = archetype.id() + "-" + String.format("%0" + width + "d", i);
            SeriesProfile profile = archetype.sample(id, new SplittableRandom(series.nextLong()));
            profiles.add(profile);
            anomalies.add(List.copyOf(AnomalyPlanner.plan(spec, profile, new SplittableRandom(series.nextLong()))));
            noiseSeeds[i] = series.nextLong();
        }
    }

    public GeneratorSpec spec() {
        return spec;
    }

    public List<SeriesProfile> profiles() {
        return List.copyOf(profiles);
    }

    /** The anomalies planned for series {@code index}, in time order. */
    public List<Anomaly> anomalies(int index) {
        return anomalies.get(index);
    }

    /** A fresh generator of series {@code index}, at its first step. */
    public SeriesGenerator series(int index) {
        return new SeriesGenerator(spec, profiles.get(index), anomalies.get(index),
                new SplittableRandom(noiseSeeds[index]));
    }

    /** Every label of the data set, by start time, then series. */
    public List<Label> labels() {
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            labels.addAll(labels(i));
        }
        labels.sort(Comparator.comparingLong(Label::start).thenComparing(Label::series));
        return labels;
    }

    /** The labels of series {@code index}, in time order. */
    public List<Label> labels(int index) {
        String id = profiles.get(index).id();
        return anomalies.get(index).stream()
                .map(a -> new Label(id, spec.timestamp(a.start()), spec.timestamp(a.end()), a.kind()))
                .toList();
    }
}
