package dev.vigil.streamer.topology;

import dev.vigil.spec.ModelSpec;
import dev.vigil.spec.Thresholds;
import dev.vigil.streamer.inference.Forecaster;
import dev.vigil.streamer.output.AnomalyEvent;
import dev.vigil.streamer.output.ScoreRecord;
import dev.vigil.streamer.scoring.AlertLifecycle;
import dev.vigil.streamer.scoring.AlertState;
import dev.vigil.streamer.scoring.AlertTransition;
import dev.vigil.streamer.scoring.AnomalyScore;
import dev.vigil.streamer.scoring.DynamicThreshold;
import dev.vigil.streamer.scoring.EventType;
import dev.vigil.streamer.scoring.LowThreshold;
import dev.vigil.streamer.scoring.Severity;
import dev.vigil.streamer.scoring.ThresholdWarmUp;
import dev.vigil.streamer.state.SeriesState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores one point against the forecast made for its timestamp, updates the series' smoothed error, threshold
 * history and alert state, and says what to emit (see docs/scoring.md).
 */
final class PointScorer {

    /** Errors beyond this many window standard deviations are counted as this many. */
    static final double MAX_ERROR = 1e30;

    private final ModelSpec spec;
    private final StreamerSettings settings;
    private final Forecaster model;
    private final int[] targetIndices;
    private final AlertLifecycle lifecycle;

    /** Reads the served model's thresholds and version at every point, so a swapped-in model applies at once. */
    PointScorer(Forecaster model, StreamerSettings settings) {
        ModelSpec spec = model.spec();
        this.spec = spec;
        this.settings = settings;
        this.model = model;
        this.targetIndices = spec.targetIndices();
        this.lifecycle = new AlertLifecycle(settings.openAfterSteps(), settings.resolveAfterQuietSteps());
    }

    /** The score record, and the anomaly event when the alert state changed. */
    record Outcome(ScoreRecord score, AnomalyEvent event) {
    }

    /**
     * @param step         horizon index of the forecast for {@code ts}: 0 for one step ahead
     * @param filledBefore steps filled by interpolation just before this point
     */
    Outcome score(String series, SeriesState state, long ts, double[] actual, int step, int filledBefore) {
        int targets = targetIndices.length;
        double[] values = new double[targets];
        double[] expectations = new double[targets];
        double[] scaledErrors = new double[targets];
        double pointError = 0;
        double calibrated = 0;
        ModelSpec served = model.spec();
        String modelVersion = model.modelVersion();
        Thresholds thresholds = served.thresholds();
        int quantileIndex = nearestQuantile(thresholds, settings.thresholdQuantile());
        for (int t = 0; t < targets; t++) {
            double value = actual[targetIndices[t]];
            double expected = state.forecast(step * targets + t);
            double unit = settings.rawErrors() ? 1.0 : state.forecastScale(t);
            double scaled = Math.abs(value - expected) / unit;
            values[t] = value;
            expectations[t] = expected;
            scaledErrors[t] = scaled;
            pointError = Math.max(pointError, scaled);
            // calibrated in window standard deviations: in raw units it is that many of this window's
            calibrated = Math.max(calibrated, thresholds.at(quantileIndex, step, t)
                    * (settings.rawErrors() ? state.forecastScale(t) : 1.0));
        }
        // a finite value far off the forecast can still overflow; keep the error usable for the threshold history
        pointError = Double.isNaN(pointError) ? MAX_ERROR : Math.min(pointError, MAX_ERROR);
        double previous = state.smoothedError();
        double smoothed = Double.isNaN(previous) ? pointError
                : settings.smoothingAlpha() * pointError + (1 - settings.smoothingAlpha()) * previous;
        // learning: the errors of the series' start are its normal, so there is no threshold yet and none caps them
        boolean learning = settings.thresholdWarmUp() == ThresholdWarmUp.LEARN
                && state.errors().size() < settings.minErrorHistory();
        double threshold = learning ? Double.POSITIVE_INFINITY
                : DynamicThreshold.pruned(DynamicThreshold.threshold(calibrated, state.errors(),
                        settings.minErrorHistory(), settings.minThresholdFraction()), state.errors(),
                        settings.thresholdMargin(), settings.thresholdMin());
        boolean anomalous = smoothed > threshold;
        double score = AnomalyScore.score(smoothed, threshold);
        Severity severity = AnomalyScore.severity(smoothed, threshold);
        if (!anomalous && settings.lowErrorSteps() > 0) {
            LowThreshold low = DynamicThreshold.low(smoothed, state.errors(), settings.minErrorHistory(),
                    settings.thresholdMin());
            if (low.stayedBelow(smoothed, state.errors(), settings.lowErrorSteps())) {
                anomalous = true;
                score = low.score(smoothed);
                severity = low.severity(smoothed);
            }
        }
        state.smoothedError(smoothed);
        // capped at the threshold (none while learning), so an anomaly never raises its own bar while a lasting
        // change still moves it
        state.errors().add((float) Math.min(smoothed, threshold));

        AlertState before = state.alert();
        AlertTransition transition = lifecycle.step(before, series, ts, anomalous, score, severity);
        state.alert(transition.next());
        AnomalyEvent event = null;
        if (transition.event() != null) {
            // RESOLVED returns to the initial state, so the anomaly's identity comes from the state before it
            AlertState anomaly = transition.event() == EventType.RESOLVED ? before : transition.next();
            List<AnomalyEvent.Deviation> deviations = new ArrayList<>(targets);
            for (int t = 0; t < targets; t++) {
                deviations.add(new AnomalyEvent.Deviation(spec.targets().get(t), values[t], expectations[t],
                        scaledErrors[t]));
            }
            deviations.sort(Comparator.comparingDouble(AnomalyEvent.Deviation::scaledError).reversed());
            event = new AnomalyEvent(anomaly.anomalyId(), transition.event().name(), series,
                    anomaly.severity() == null ? null : anomaly.severity().name(), ts, anomaly.openedAtMillis(),
                    // an anomaly open when the warm-up began again (min.history raised) resolves while learning
                    score, Math.max(anomaly.peakScore(), score), learning ? calibrated : threshold, state.labels(),
                    deviations,
                    modelVersion);
        }
        double[] errors = new double[targets];
        double[] lower = new double[targets];
        double[] upper = new double[targets];
        for (int t = 0; t < targets; t++) {
            double band = threshold * (settings.rawErrors() ? 1.0 : state.forecastScale(t));
            errors[t] = values[t] - expectations[t];
            lower[t] = expectations[t] - band;
            upper[t] = expectations[t] + band;
        }
        ScoreRecord record = new ScoreRecord(series, ts, ScoreRecord.SCORED, null, null, byTarget(values),
                byTarget(expectations), byTarget(errors), learning ? null : byTarget(lower),
                learning ? null : byTarget(upper), pointError, smoothed, learning ? null : score,
                learning ? null : threshold, anomalous, step + 1, filledBefore > 0 ? filledBefore : null,
                modelVersion);
        return new Outcome(record, event);
    }

    /**
     * The values keyed by target name, in the model's target order. A single target, the common case, gets an
     * immutable one-entry map: every scored point builds five of these.
     */
    private Map<String, Double> byTarget(double[] values) {
        List<String> names = spec.targets();
        if (values.length == 1) {
            return Map.of(names.get(0), values[0]);
        }
        Map<String, Double> map = new LinkedHashMap<>(values.length * 2);
        for (int t = 0; t < values.length; t++) {
            map.put(names.get(t), values[t]);
        }
        return map;
    }

    static int nearestQuantile(Thresholds thresholds, double quantile) {
        int best = 0;
        for (int q = 1; q < thresholds.quantiles().size(); q++) {
            if (Math.abs(thresholds.quantiles().get(q) - quantile)
                    < Math.abs(thresholds.quantiles().get(best) - quantile)) {
                best = q;
            }
        }
        return best;
    }
}
