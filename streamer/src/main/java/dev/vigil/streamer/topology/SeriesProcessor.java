package dev.vigil.streamer.topology;

import dev.vigil.spec.ModelSpec;
import dev.vigil.streamer.inference.Forecaster;
import dev.vigil.streamer.metrics.StreamerMetrics;
import dev.vigil.streamer.output.DeadLetters.Reason;
import dev.vigil.streamer.output.OutputJson;
import dev.vigil.streamer.output.ScoreRecord;
import dev.vigil.streamer.state.SeriesState;
import dev.vigil.streamer.state.SeriesStateCodec;
import dev.vigil.streamer.state.SeriesStateStore;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The per-series work of the streamer, one input record at a time: decode it (or dead-letter it), align its
 * timestamp to the model's step, fill short gaps, score it against the forecast already made for its timestamp,
 * append it to the series' window, and queue the series for its next forecast.
 */
final class SeriesProcessor implements Processor<byte[], byte[], byte[], byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(SeriesProcessor.class);
    private static final Duration STORE_SIZE_INTERVAL = Duration.ofSeconds(5);

    private final StreamerSettings settings;
    private final Forecaster forecaster;
    private final ModelSpec spec;
    private final SeriesStateCodec codec;
    private final InputDecoder decoder;
    private final PointScorer scorer;
    private final ForecastBatcher batcher;
    private final SeriesTimeline timeline;
    private final StreamerMetrics metrics;
    private ProcessorContext<byte[], byte[]> context;
    private SeriesStateStore states;
    private DeadLetterRouter deadLetters;
    private long modelGeneration;

    SeriesProcessor(StreamerSettings settings, Forecaster forecaster, StreamerMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.forecaster = forecaster;
        this.spec = forecaster.spec();
        this.codec = SeriesStateCodec.forModel(spec, settings.errorHistory());
        this.decoder = new InputDecoder(spec.features());
        this.scorer = new PointScorer(forecaster, settings);
        this.batcher = new ForecastBatcher(forecaster, codec, settings, metrics);
        this.timeline = new SeriesTimeline(spec.stepMillis(), spec.horizon(), settings.gapFillMaxSteps());
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.deadLetters = new DeadLetterRouter(context, metrics, VigilTopology.DEAD_LETTER_SINK);
        this.states = context.getStateStore(VigilTopology.SERIES_STORE);
        batcher.init(states, forecast -> context.forward(new Record<>(utf8(forecast.series()),
                OutputJson.write(forecast), forecast.origin()), VigilTopology.FORECASTS_SINK));
        if (batcher.size() > 0) {
            LOG.info("task {}: {} series were waiting for a forecast when the last instance stopped; forecasting "
                    + "them at the first punctuation", context.taskId(), batcher.size());
        }
        modelGeneration = forecaster.generation();
        context.schedule(Duration.ofMillis(Math.max(1, settings.batchMaxLingerMs())),
                PunctuationType.WALL_CLOCK_TIME, now -> {
                    rederiveAfterModelSwap();
                    batcher.flushIfDue(now);
                });
        context.schedule(STORE_SIZE_INTERVAL, PunctuationType.WALL_CLOCK_TIME,
                now -> metrics.storeSize(context.taskId().toString(), states.approximateNumEntries()));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.recordIn();
        rederiveAfterModelSwap();
        InputDecoder.Outcome outcome = decoder.decode(record.key(), record.value());
        if (outcome.refusal() != null) {
            InputDecoder.Refusal r = outcome.refusal();
            deadLetter(record, r.reason(), r.field(), r.value(), r.expected());
            return;
        }
        InputDecoder.Decoded point = outcome.decoded();
        String series = point.series();
        long now = context.currentSystemTimeMs();
        // checked before aligning: a timestamp near Long.MAX_VALUE would overflow the alignment
        if (point.point().tsMillis() > now + settings.maxFutureMs()) {
            deadLetter(record, Reason.FUTURE_TIMESTAMP, "ts", Long.toString(point.point().tsMillis()),
                    "a timestamp at most " + settings.maxFutureMs() + " ms ahead of the wall clock (" + now + ")");
            return;
        }
        long ts = timeline.align(point.point().tsMillis());
        SeriesState state = batcher.held(series);
        if (state == null) {
            state = states.get(series);
        }
        long latest = state.latestTs();
        if (latest != SeriesState.NONE && ts <= latest) {
            boolean duplicate = ts == latest;
            deadLetter(record, duplicate ? Reason.DUPLICATE_TIMESTAMP : Reason.LATE_TIMESTAMP, "ts",
                    Long.toString(point.point().tsMillis()), "a timestamp after " + latest + " (the series' "
                            + "latest step; " + (duplicate ? "this step was already applied" : "late points are "
                            + "never applied") + ")");
            return;
        }
        boolean[] counters = counters(record);
        if (counters != null && !CounterRates.apply(state, ts, point.values(), counters)) {
            states.put(series, state);
            emitScore(record, series, ts, ScoreRecord.warmingUp(series, ts, state.count(), spec.windowSize(),
                    forecaster.modelVersion()));
            return;
        }
        boolean wasWarm = state.warm();
        int held = state.count();
        int filled = timeline.fillGap(series, state, ts, point.values());
        if (held > 0 && !wasWarm && state.count() == 0) {
            metrics.warmUpEnded(); // abandoned: a long gap restarts it below
        }
        ScoreRecord score;
        if (state.warm()) {
            int horizonStep = timeline.horizonStep(state, ts);
            if (horizonStep < 0) {
                states.put(series, state);
                batcher.enqueue(series, state, context.currentSystemTimeMs());
                batcher.flush(); // updates this state object with the forecast
                horizonStep = timeline.horizonStep(state, ts);
            }
            PointScorer.Outcome scored = scorer.score(series, state, ts, point.values(), horizonStep, filled);
            score = scored.score();
            if (scored.event() != null) {
                metrics.anomalyEvent(scored.event());
                context.forward(output(record, series, OutputJson.write(scored.event()), ts),
                        VigilTopology.ANOMALIES_SINK);
            }
        } else {
            score = ScoreRecord.warmingUp(series, ts, state.count() + 1, spec.windowSize(),
                    forecaster.modelVersion());
        }
        state.labels(point.point().labels(), settings.maxLabels());
        if (state.count() == 0) {
            metrics.warmUpStarted();
        }
        boolean warmBefore = state.warm();
        state.append(ts, point.values(), false);
        if (!warmBefore && state.warm()) {
            metrics.warmUpEnded();
        }
        states.put(series, state);
        emitScore(record, series, ts, score);
        if (state.warm()) {
            batcher.enqueue(series, state, context.currentSystemTimeMs());
            if (batcher.full()) {
                batcher.flush();
            }
        }
    }

    /** After a new model was swapped in, forecasts every warm series again from its window. */
    private void rederiveAfterModelSwap() {
        long generation = forecaster.generation();
        if (generation == modelGeneration) {
            return;
        }
        modelGeneration = generation;
        long now = context.currentSystemTimeMs();
        states.forEachStored((series, stored) -> {
            SeriesState state = codec.decode(stored);
            if (state.warm()) {
                batcher.enqueue(series, state, now);
            }
        });
        batcher.flush();
    }

    private void emitScore(Record<byte[], byte[]> record, String series, long ts, ScoreRecord score) {
        metrics.scored(score);
        context.forward(output(record, series, OutputJson.write(score), ts), VigilTopology.SCORES_SINK);
    }

    /**
     * An output record with the input's headers. One constructor call: each of Record's {@code with...} copies the
     * headers into a new record, three copies per point where one does.
     */
    private static Record<byte[], byte[]> output(Record<byte[], byte[]> input, String series, byte[] value, long ts) {
        return new Record<>(utf8(series), value, ts, input.headers());
    }

    /** The features flagged as counters by the input stage, or null when none are. */
    private boolean[] counters(Record<byte[], byte[]> record) {
        var header = record.headers().lastHeader(VigilTopology.COUNTERS_HEADER);
        if (header == null) {
            return null;
        }
        boolean[] counter = new boolean[spec.features().size()];
        for (String feature : new String(header.value(), StandardCharsets.UTF_8).split(",")) {
            int f = spec.features().indexOf(feature);
            if (f >= 0) {
                counter[f] = true;
            }
        }
        return counter;
    }

    private void deadLetter(Record<byte[], byte[]> record, Reason reason, String field, String value,
                            String expected) {
        deadLetters.send(record, reason, field, value, expected);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
