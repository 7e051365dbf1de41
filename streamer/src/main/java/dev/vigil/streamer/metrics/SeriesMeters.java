package dev.vigil.streamer.metrics;

import dev.vigil.streamer.output.ScoreRecord;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Per-series gauges (actual, expected, band, score) for a bounded set of series, so cardinality is bounded by
 * construction: the allow-list when one is given (its series get meters at their first scored point, and keep
 * them), otherwise the top {@code N} series by latest anomaly score.
 *
 * <p>Top-N mode gives meters to the first {@code N} series scored, then keeps a bounded map of candidates whose
 * score beat the lowest tracked one at the last ranking. At most once per {@link #RANK_INTERVAL}, as points are
 * scored, one stream thread merges both, keeps the best {@code N}, registers meters for the newcomers and removes
 * the meters of the series that dropped out.
 */
final class SeriesMeters {

    static final Duration RANK_INTERVAL = Duration.ofSeconds(1);
    private static final Comparator<ScoreRecord> RANKING = Comparator.comparingDouble(SeriesMeters::score)
            .reversed().thenComparing(ScoreRecord::series);

    private final MeterRegistry registry;
    private final Clock clock;
    private final List<String> targets;
    private final boolean allowList;
    private final int top;
    private final int maxCandidates;
    private final Map<String, SeriesGauges> tracked = new ConcurrentHashMap<>();
    private final Map<String, ScoreRecord> candidates = new ConcurrentHashMap<>();
    private final ReentrantLock ranking = new ReentrantLock();
    private volatile double admission = Double.NEGATIVE_INFINITY;
    private volatile long nextRankNanos;

    SeriesMeters(MeterRegistry registry, List<String> targets, List<String> allow, int top) {
        this.registry = registry;
        this.clock = registry.config().clock();
        this.targets = List.copyOf(targets);
        this.allowList = !allow.isEmpty();
        this.top = allowList ? 0 : top;
        this.maxCandidates = Math.max(64, 4 * top);
        this.nextRankNanos = clock.monotonicTime();
        for (String series : allow) {
            tracked.put(series, new SeriesGauges(series));
        }
    }

    /** A scored point: updates the series' gauges if it has any, else offers it for the top-N. */
    void scored(ScoreRecord score) {
        if (score.score() == null || (!allowList && top == 0)) {
            return;
        }
        SeriesGauges gauges = tracked.get(score.series());
        if (gauges != null) {
            gauges.latest = score;
            if (allowList && !gauges.registered()) {
                gauges.register(registry, targets);
            }
        } else if (!allowList) {
            if (tracked.size() < top) {
                admit(score);
            } else {
                offer(score);
            }
        }
        if (!allowList) {
            rankIfDue();
        }
    }

    /** While fewer than N series are tracked, a series gets meters at its first scored point. */
    private void admit(ScoreRecord score) {
        ranking.lock();
        try {
            if (tracked.size() < top && !tracked.containsKey(score.series())) {
                track(score);
            } else {
                offer(score);
            }
        } finally {
            ranking.unlock();
        }
    }

    private void offer(ScoreRecord score) {
        if (score.score() > admission
                && (candidates.size() < maxCandidates || candidates.containsKey(score.series()))) {
            candidates.put(score.series(), score);
        }
    }

    private void track(ScoreRecord score) {
        SeriesGauges gauges = new SeriesGauges(score.series());
        gauges.latest = score;
        gauges.register(registry, targets);
        tracked.put(score.series(), gauges);
    }

    private void rankIfDue() {
        long now = clock.monotonicTime();
        if (now - nextRankNanos < 0 || !ranking.tryLock()) {
            return;
        }
        try {
            if (now - nextRankNanos >= 0) {
                nextRankNanos = now + RANK_INTERVAL.toNanos();
                rank();
            }
        } finally {
            ranking.unlock();
        }
    }

    private void rank() {
        Map<String, ScoreRecord> all = new HashMap<>();
        tracked.forEach((series, gauges) -> all.put(series, gauges.latest));
        for (String series : candidates.keySet()) {
            ScoreRecord candidate = candidates.remove(series);
            if (candidate != null) {
                all.putIfAbsent(series, candidate);
            }
        }
        List<ScoreRecord> best = new ArrayList<>(all.values());
        best.sort(RANKING);
        best = best.subList(0, Math.min(top, best.size()));
        Map<String, ScoreRecord> keep = new HashMap<>();
        best.forEach(score -> keep.put(score.series(), score));
        tracked.entrySet().removeIf(entry -> {
            if (keep.containsKey(entry.getKey())) {
                return false;
            }
            entry.getValue().remove(registry);
            return true;
        });
        keep.forEach((series, score) -> {
            if (!tracked.containsKey(series)) {
                track(score);
            }
        });
        admission = best.size() < top ? Double.NEGATIVE_INFINITY : score(best.get(best.size() - 1));
    }

    private static double score(ScoreRecord score) {
        return score == null || score.score() == null ? Double.NEGATIVE_INFINITY : score.score();
    }
}
