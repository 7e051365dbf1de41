package dev.vigil.streamer.topology;

import dev.vigil.scaling.WindowScaler;
import dev.vigil.scaling.WindowStats;
import dev.vigil.spec.ModelSpec;
import dev.vigil.streamer.inference.Forecaster;
import dev.vigil.streamer.inference.InferenceMode;
import dev.vigil.streamer.metrics.StreamerMetrics;
import dev.vigil.streamer.output.ForecastRecord;
import dev.vigil.streamer.state.SeriesState;
import dev.vigil.streamer.state.SeriesStateCodec;
import dev.vigil.streamer.state.SeriesStateStore;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Collects the series that need a new forecast and computes their forecasts together in one inference call, when
 * the batch is full or its oldest member has waited the linger time. A queued series' state is in the store with its
 * newest point and an older forecast (in memory at once, in RocksDB and the changelog at every commit); a new instance
 * finds such states when it starts and forecasts them first, so a series whose record was processed but whose forecast
 * was not yet made when the instance died gets it after the restart: nothing is lost between a record's arrival and its
 * batch.
 *
 * <p>In stateful mode (see {@link InferenceMode}) most series advance their stored LSTM state by one step instead of
 * re-running their window; docs/performance.md says what that saves and docs/state.md what it stores.
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
    private final InferenceMode mode;
    private final int refreshSteps;
    private final double maxDrift;
    private final int windowSize;
    private final int features;
    private final int windowFloats;
    /** Queued series in arrival order, with their decoded state when the processor handed it over. */
    private final Map<String, Queued> queued = new LinkedHashMap<>();
    private SeriesStateStore states;
    private final StreamerMetrics metrics;
    private Consumer<ForecastRecord> emitter;

    ForecastBatcher(Forecaster forecaster, SeriesStateCodec codec, StreamerSettings settings,
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
        this.maxBatch = settings.batchMaxSize();
        this.lingerMs = settings.batchMaxLingerMs();
        this.mode = settings.inferenceMode();
        this.windowSize = spec.windowSize();
        this.features = spec.features().size();
        this.windowFloats = windowSize * features;
        this.refreshSteps = settings.stateRefreshSteps() == 0 ? windowSize : settings.stateRefreshSteps();
        this.maxDrift = settings.stateMaxDrift();
    }

    /**
     * Binds the store and picks up the series an earlier instance left queued: warm states whose forecast is older
     * than their newest point. One pass over the task's states when it starts, instead of a second store written
     * twice per record.
     */
    void init(SeriesStateStore stateStore, Consumer<ForecastRecord> forecastEmitter) {
        this.states = stateStore;
        this.emitter = forecastEmitter;
        queued.clear();
        stateStore.forEachStored((series, stored) -> {
            if (codec.awaitsForecast(stored)) {
                // due at the first punctuation (nothing may be forwarded from init)
                queued.put(series, new Queued(null, 0L));
            }
        });
    }

    /** Number of series queued when the instance started: restored work, for the log. */
    int size() {
        return queued.size();
    }

    /**
     * Queues the series for a forecast. {@code state} is its current state, already put in the store: the batcher
     * updates that same object, so a caller holding it sees the forecast after a {@link #flush()}.
     */
    void enqueue(String series, SeriesState state, long nowMs) {
        Queued earlier = queued.get(series);
        // a series queued again keeps its place and its waiting time
        queued.put(series, new Queued(state, earlier == null ? nowMs : earlier.sinceMs()));
    }

    /** The state the batcher holds for a queued series, or null: newer than any other copy but the store's. */
    SeriesState held(String series) {
        Queued q = queued.get(series);
        return q == null ? null : q.state();
    }

    boolean full() {
        return queued.size() >= maxBatch;
    }

    void flushIfDue(long nowMs) {
        if (!queued.isEmpty() && nowMs - queued.values().iterator().next().sinceMs() >= lingerMs) {
            flush();
        }
    }

    /** Forecasts every queued series, in chunks of at most the batch size. */
    void flush() {
        while (!queued.isEmpty()) {
            int size = Math.min(maxBatch, queued.size());
            List<SeriesState> ready = new ArrayList<>(size);
            List<String> readyIds = new ArrayList<>(size);
            Iterator<Map.Entry<String, Queued>> it = queued.entrySet().iterator();
            for (int i = 0; i < size; i++) {
                Map.Entry<String, Queued> next = it.next();
                it.remove();
                SeriesState state = next.getValue().state();
                if (state == null) {
                    state = states.get(next.getKey());
                }
                if (state.warm()) {
                    ready.add(state);
                    readyIds.add(next.getKey());
                }
            }
            forecast(readyIds, ready);
        }
    }

    private void forecast(List<String> readyIds, List<SeriesState> ready) {
        if (ready.isEmpty()) {
            return;
        }
        while (true) {
            Forecaster model = forecaster.current();
            try {
                if (mode.stateful(model.stateSize())) {
                    forecastStateful(model, readyIds, ready);
                } else {
                    forecastWindows(model, readyIds, ready);
                }
                return;
            } catch (IllegalStateException e) {
                if (forecaster.current() == model) {
                    throw e;
                }
                // swapped and closed while running: forecast on the model that replaced it
            }
        }
    }

    /** Window mode: every forecast re-runs the whole window from a zero state. */
    private void forecastWindows(Forecaster model, List<String> ids, List<SeriesState> ready) {
        float[] inputs = new float[ready.size() * windowFloats];
        WindowStats[] stats = scaleWindows(ready, inputs);
        long begin = System.nanoTime();
        float[] output = model.forecast(inputs, ready.size());
        metrics.batch(ready.size(), System.nanoTime() - begin);
        metrics.forecasts(StreamerMetrics.WINDOW, ready.size());
        for (int i = 0; i < ready.size(); i++) {
            store(model, ids.get(i), ready.get(i), output, i, stats[i]);
        }
    }

    /**
     * Stateful mode: a series whose carried state absorbed every step but the newest advances it by that one step,
     * fed with the scaling frozen at its last derivation; any other series (no state yet, another model, a gap, or
     * its refresh is due) derives it from the whole window. Two inference calls at most, one per kind.
     */
    private void forecastStateful(Forecaster model, List<String> ids, List<SeriesState> ready) {
        int stateSize = model.stateSize();
        int key = modelKey(model.modelVersion());
        List<Integer> stepping = new ArrayList<>(ready.size());
        List<Integer> deriving = new ArrayList<>(ready.size());
        for (int i = 0; i < ready.size(); i++) {
            (canStep(ids.get(i), ready.get(i), key, stateSize) ? stepping : deriving).add(i);
        }
        if (!deriving.isEmpty()) {
            List<SeriesState> derive = deriving.stream().map(ready::get).toList();
            float[] inputs = new float[derive.size() * windowFloats];
            WindowStats[] stats = scaleWindows(derive, inputs);
            long begin = System.nanoTime();
            Forecaster.Stepped out = model.forecast(inputs, derive.size(), windowSize,
                    new float[derive.size() * stateSize]);
            metrics.batch(derive.size(), System.nanoTime() - begin);
            metrics.forecasts(StreamerMetrics.DERIVED, derive.size());
            for (int j = 0; j < derive.size(); j++) {
                SeriesState state = derive.get(j);
                state.lstm(state.lastTs(), key, out.states(), j * stateSize, stateSize, stats[j]);
                store(model, ids.get(deriving.get(j)), state, out.forecasts(), j, stats[j]);
            }
        }
        if (!stepping.isEmpty()) {
            int n = stepping.size();
            float[] inputs = new float[n * features];
            float[] carried = new float[n * stateSize];
            for (int j = 0; j < n; j++) {
                SeriesState state = ready.get(stepping.get(j));
                state.scaleNewestStep(inputs, j * features);
                System.arraycopy(state.lstm(), 0, carried, j * stateSize, stateSize);
            }
            long begin = System.nanoTime();
            Forecaster.Stepped out = model.forecast(inputs, n, 1, carried);
            metrics.batch(n, System.nanoTime() - begin);
            metrics.forecasts(StreamerMetrics.STEPPED, n);
            for (int j = 0; j < n; j++) {
                SeriesState state = ready.get(stepping.get(j));
                state.lstm(state.lastTs(), key, out.states(), j * stateSize, stateSize, null);
                store(model, ids.get(stepping.get(j)), state, out.forecasts(), j, state.stepStats());
            }
        }
    }

    /**
     * Whether the series' carried state can take its newest step: made by this model, current up to the step
     * before the newest (a filled gap, a restarted warm-up or a forecast made again all break this), not yet due for
     * its refresh, and fed with a scaling that still fits the current window.
     */
    private boolean canStep(String series, SeriesState state, int key, int stateSize) {
        return state.lstmTs() != SeriesState.NONE
                && state.lstmModel() == key
                && state.lstm().length == stateSize
                && state.lstmTs() == state.lastTs() - stepMillis
                && state.stepsSinceDerive() < refreshLimit(series)
                && withinDrift(state);
    }

    /**
     * Whether the current window's mean and standard deviation are still within {@code maxDrift} frozen scales of
     * those the carried state was fed with: the model was trained on windows scaled with their own statistics, so
     * a state fed with a scaling the series has left forecasts worse than its window would.
     */
    private boolean withinDrift(SeriesState state) {
        WindowStats now = state.windowStats(scaler);
        WindowStats frozen = state.stepStats();
        for (int f = 0; f < features; f++) {
            double scale = frozen.scale()[f];
            if (Math.abs(now.mean()[f] - frozen.mean()[f]) > maxDrift * scale
                    || Math.abs(now.scale()[f] - scale) > maxDrift * scale) {
                return false;
            }
        }
        return true;
    }

    /** The refresh interval less a per-series offset of up to a quarter of it, so series derive at different steps. */
    private int refreshLimit(String series) {
        return Math.max(1, refreshSteps - Math.floorMod(series.hashCode(), Math.max(1, refreshSteps / 4)));
    }

    /** A short key of the model that made a state: a state made by another model is derived again. */
    static int modelKey(String modelVersion) {
        return modelVersion.hashCode();
    }

    private WindowStats[] scaleWindows(List<SeriesState> ready, float[] inputs) {
        double[] raw = new double[windowFloats];
        WindowStats[] stats = new WindowStats[ready.size()];
        for (int i = 0; i < ready.size(); i++) {
            ready.get(i).copyWindow(raw, 0);
            stats[i] = scaler.scaleInto(raw, 0, inputs, i * windowFloats);
        }
        return stats;
    }

    /** Unscales forecast {@code i} of {@code output} with {@code stats}, keeps it with the series and emits it. */
    private void store(Forecaster model, String series, SeriesState state, float[] output, int i, WindowStats stats) {
        int targets = targetIndices.length;
        double[] path = new double[horizon * targets];
        double[] scales = new double[targets];
        for (int h = 0; h < horizon; h++) {
            for (int t = 0; t < targets; t++) {
                path[h * targets + t] = stats.unscale(targetIndices[t], output[(i * horizon + h) * targets + t]);
            }
        }
        for (int t = 0; t < targets; t++) {
            scales[t] = stats.scale()[targetIndices[t]];
        }
        state.setForecast(state.lastTs(), path, scales);
        states.put(series, state);
        emitter.accept(new ForecastRecord(series, state.lastTs(), stepMillis, targetNames, path,
                model.modelVersion()));
    }

    /** A queued series: its state when the processor handed it over (null: read it from the store), and since when. */
    private record Queued(SeriesState state, long sinceMs) {
    }
}
