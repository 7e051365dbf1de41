package dev.vigil.streamer.metrics;

import dev.vigil.streamer.output.DeadLetters;
import dev.vigil.streamer.output.ScoreRecord;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleConsumer;

/**
 * The meters of the record path: records in, scored and dead-lettered, series warming up, inference batches, event
 * lag, the distributions of scores, thresholds and errors, and the state stores' size. Every meter is registered up
 * front, so the hot path only increments and records.
 */
final class PipelineMeters {

    static final Duration STORE_REPORT_MAX_AGE = Duration.ofSeconds(30);
    private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};
    private static final double[] SCORE_BUCKETS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
    private static final double[] SCALED_BUCKETS = {0.1, 0.25, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 32, 64};
    private static final Duration[] LATENCY_BUCKETS = millis(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500,
            1000, 2500);
    private static final Duration[] LAG_BUCKETS = millis(10, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000,
            60_000, 300_000, 900_000, 3_600_000);

    private final MeterRegistry registry;
    private final Clock clock;
    private final Counter in;
    private final Counter scored;
    private final Counter warmingUp;
    private final Map<String, Counter> deadLettered;
    private final AtomicLong warming = new AtomicLong();
    private final DistributionSummary batchSize;
    private final Map<String, Counter> forecasts;
    private final Timer inferenceLatency;
    private final Timer eventLag;
    private final DoubleConsumer anomalyScore;
    private final DoubleConsumer threshold;
    private final DoubleConsumer scaledError;
    private final Map<String, StoreReport> stores = new ConcurrentHashMap<>();

    private record StoreReport(long series, long atNanos) {
    }

    PipelineMeters(MeterRegistry registry) {
        this.registry = registry;
        this.clock = registry.config().clock();
        in = Counter.builder("vigil.records.in").description("Input records read, before decoding")
                .register(registry);
        scored = scoredCounter(ScoreRecord.SCORED);
        warmingUp = scoredCounter(ScoreRecord.WARMING_UP);
        Map<String, Counter> reasons = new HashMap<>();
        for (DeadLetters.Reason reason : DeadLetters.Reason.values()) {
            reasons.put(reason.code(), deadLetterCounter(reason.code()));
        }
        deadLettered = Map.copyOf(reasons);
        Gauge.builder("vigil.series.warming.up", warming, AtomicLong::get)
                .description("Series still collecting their first window of samples").register(registry);
        batchSize = DistributionSummary.builder("vigil.batch.size").description("Windows per inference call")
                .serviceLevelObjectives(BATCH_BUCKETS).register(registry);
        forecasts = Map.of(
                StreamerMetrics.WINDOW, forecastCounter(StreamerMetrics.WINDOW),
                StreamerMetrics.DERIVED, forecastCounter(StreamerMetrics.DERIVED),
                StreamerMetrics.STEPPED, forecastCounter(StreamerMetrics.STEPPED));
        inferenceLatency = Timer.builder("vigil.inference.latency").description("Duration of one inference call")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        eventLag = Timer.builder("vigil.event.lag")
                .description("Wall clock minus the point's event time, when the point is scored")
                .serviceLevelObjectives(LAG_BUCKETS).register(registry);
        anomalyScore = FractionalHistogram.register(registry, "vigil.anomaly.score",
                "Anomaly score of scored points, in [0, 1]", SCORE_BUCKETS);
        threshold = FractionalHistogram.register(registry, "vigil.threshold",
                "Threshold of scored points, in scaled units", SCALED_BUCKETS);
        scaledError = FractionalHistogram.register(registry, "vigil.scaled.error",
                "Error of scored points (max over targets), in scaled units", SCALED_BUCKETS);
        Gauge.builder("vigil.state.series", this, PipelineMeters::stateSeries)
                .description("Series held in this instance's state stores (approximate)").register(registry);
    }

    void recordIn() {
        in.increment();
    }

    void deadLettered(String reason) {
        Counter counter = deadLettered.get(reason);
        (counter != null ? counter : deadLetterCounter(reason)).increment();
    }

    void warmUpStarted() {
        warming.incrementAndGet();
    }

    /** Never goes below 0: after a restart, series restored mid-warm-up end without having started here. */
    void warmUpEnded() {
        long current;
        do {
            current = warming.get();
        } while (current > 0 && !warming.compareAndSet(current, current - 1));
    }

    void scored(ScoreRecord score) {
        eventLag.record(Math.max(0, clock.wallTime() - score.ts()), TimeUnit.MILLISECONDS);
        if (ScoreRecord.WARMING_UP.equals(score.status())) {
            warmingUp.increment();
            return;
        }
        scored.increment();
        record(anomalyScore, score.score());
        record(threshold, score.threshold());
        record(scaledError, score.scaledError());
    }

    void batch(int windows, long nanos) {
        batchSize.record(windows);
        inferenceLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void storeSize(String taskId, long series) {
        stores.put(taskId, new StoreReport(series, clock.monotonicTime()));
    }

    /** Sum of the tasks' latest reports; a task not heard from for a while has moved away and is dropped. */
    private double stateSeries() {
        long oldest = clock.monotonicTime() - STORE_REPORT_MAX_AGE.toNanos();
        stores.values().removeIf(report -> report.atNanos() < oldest);
        return stores.values().stream().mapToLong(StoreReport::series).sum();
    }

    private Counter scoredCounter(String status) {
        return Counter.builder("vigil.records.scored").tag("status", status)
                .description("Score records written, by status").register(registry);
    }

    void forecasts(String how, int count) {
        Counter counter = forecasts.get(how);
        if (counter != null) {
            counter.increment(count);
        }
    }

    private Counter forecastCounter(String how) {
        return Counter.builder("vigil.forecasts").tag("how", how)
                .description("Forecasts made, by how: window, derived (whole window, new LSTM state) or stepped "
                        + "(one step from the carried state)").register(registry);
    }

    private Counter deadLetterCounter(String reason) {
        return Counter.builder("vigil.records.dead.lettered").tag("reason", reason)
                .description("Records sent to the dead-letter topic, by reason").register(registry);
    }

    private static void record(DoubleConsumer histogram, Double value) {
        if (value != null && Double.isFinite(value)) {
            histogram.accept(value);
        }
    }

    private static Duration[] millis(double... values) {
        return Arrays.stream(values).mapToObj(ms -> Duration.ofNanos(Math.round(ms * 1_000_000)))
                .toArray(Duration[]::new);
    }
}
