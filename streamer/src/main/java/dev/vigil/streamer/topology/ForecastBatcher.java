package dev.vigil.streamer.topology;

import dev.vigil.scaling.WindowScaler;
import dev.vigil.scaling.WindowStats;
import dev.vigil.spec.ModelSpec;
import dev.vigil.streamer.inference.Forecaster;
import dev.vigil.streamer.metrics.StreamerMetrics;
import dev.vigil.streamer.output.ForecastRecord;
import dev.vigil.streamer.state.SeriesState;
import dev.vigil.streamer.state.SeriesStateCodec;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Collects the series that need a new forecast and computes their forecasts together in one inference call, when
 * the batch is full or its oldest member has waited the linger time. The queue is mirrored in a state store, so a
 * series whose record was processed but whose forecast was not yet made when the instance died gets it after the
 * restart: nothing is lost between a record's arrival and its batch.
 */
final class ForecastBatcher {

    private final Forecaster forecaster;
    private final SeriesStateCodec codec;
    private final WindowScaler scaler;
    private final int[] targetIndices;
    private final List<String> targetNames;
    private final int horizon;
    private final long stepMillis;
    private final int maxBatch;
    private final long lingerMs;
    private final Map<String, Long> queued = new LinkedHashMap<>();
    private KeyValueStore<String, byte[]> states;
    private KeyValueStore<String, Long> pending;
    private final StreamerMetrics metrics;
    private Consumer<ForecastRecord> emitter;

    ForecastBatcher(Forecaster forecaster, SeriesStateCodec codec, int maxBatch, long lingerMs,
                    StreamerMetrics metrics) {
        this.metrics = metrics;
        ModelSpec spec = forecaster.spec();
        this.forecaster = forecaster;
        this.codec = codec;
        this.scaler = new WindowScaler(spec.scaling(), spec.windowSize(), spec.features().size());
        this.targetIndices = spec.targetIndices();
        this.targetNames = spec.targets();
        this.horizon = spec.horizon();
        this.stepMillis = spec.stepMillis();
        this.maxBatch = maxBatch;
        this.lingerMs = lingerMs;
    }

    /** Binds the stores and picks up the series left queued by an earlier instance. */
    void init(KeyValueStore<String, byte[]> stateStore, KeyValueStore<String, Long> pendingStore,
              Consumer<ForecastRecord> forecastEmitter) {
        this.states = stateStore;
        this.pending = pendingStore;
        this.emitter = forecastEmitter;
        queued.clear();
        try (KeyValueIterator<String, Long> it = pendingStore.all()) {
            // left by an earlier instance: due at the first punctuation (nothing may be forwarded from init)
            it.forEachRemaining(kv -> queued.put(kv.key, 0L));
        }
    }

    /** Number of series queued when the instance started: restored work, for the log. */
    int size() {
        return queued.size();
    }

    void enqueue(String series, long lastTs, long nowMs) {
        if (queued.putIfAbsent(series, nowMs) == null) {
            pending.put(series, lastTs);
        }
    }

    boolean full() {
        return queued.size() >= maxBatch;
    }

    void flushIfDue(long nowMs) {
        if (!queued.isEmpty() && nowMs - queued.values().iterator().next() >= lingerMs) {
            flush();
        }
    }

    /** Forecasts every queued series, in chunks of at most the batch size. */
    void flush() {
        while (!queued.isEmpty()) {
            List<String> batch = new ArrayList<>(Math.min(maxBatch, queued.size()));
            for (String series : queued.keySet()) {
                if (batch.size() == maxBatch) {
                    break;
                }
                batch.add(series);
            }
            forecast(batch);
            for (String series : batch) {
                queued.remove(series);
                pending.delete(series);
            }
        }
    }

    private void forecast(List<String> batch) {
        int windowLength = scaler.windowSize() * scaler.features();
        List<SeriesState> ready = new ArrayList<>(batch.size());
        List<String> readyIds = new ArrayList<>(batch.size());
        for (String series : batch) {
            SeriesState state = codec.decode(states.get(series));
            if (state.warm()) {
                ready.add(state);
                readyIds.add(series);
            }
        }
        if (ready.isEmpty()) {
            return;
        }
        double[] raw = new double[windowLength];
        float[] inputs = new float[ready.size() * windowLength];
        WindowStats[] stats = new WindowStats[ready.size()];
        for (int i = 0; i < ready.size(); i++) {
            ready.get(i).copyWindow(raw, 0);
            stats[i] = scaler.scaleInto(raw, 0, inputs, i * windowLength);
        }
        long begin = System.nanoTime();
        float[] output = forecaster.forecast(inputs, ready.size());
        metrics.batch(ready.size(), System.nanoTime() - begin);
        int targets = targetIndices.length;
        double[] path = new double[horizon * targets];
        double[] scales = new double[targets];
        for (int i = 0; i < ready.size(); i++) {
            SeriesState state = ready.get(i);
            List<ForecastRecord.Step> steps = new ArrayList<>(horizon);
            for (int h = 0; h < horizon; h++) {
                Map<String, Double> values = new LinkedHashMap<>();
                for (int t = 0; t < targets; t++) {
                    double value = stats[i].unscale(targetIndices[t], output[(i * horizon + h) * targets + t]);
                    path[h * targets + t] = value;
                    values.put(targetNames.get(t), value);
                }
                steps.add(new ForecastRecord.Step(state.lastTs() + (h + 1) * stepMillis, values));
            }
            for (int t = 0; t < targets; t++) {
                scales[t] = stats[i].scale()[targetIndices[t]];
            }
            state.setForecast(state.lastTs(), path, scales);
            states.put(readyIds.get(i), codec.encode(state));
            emitter.accept(new ForecastRecord(readyIds.get(i), state.lastTs(), steps, forecaster.modelVersion()));
        }
    }
}
