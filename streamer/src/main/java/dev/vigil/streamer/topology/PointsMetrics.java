package dev.vigil.streamer.topology;

import dev.vigil.streamer.metrics.StreamerMetrics;
import dev.vigil.streamer.output.AnomalyEvent;
import dev.vigil.streamer.output.ScoreRecord;

/** The series processor's metrics behind the input stage: input records were already counted there. */
final class PointsMetrics implements StreamerMetrics {

    private final StreamerMetrics delegate;

    PointsMetrics(StreamerMetrics delegate) {
        this.delegate = delegate;
    }

    @Override
    public void deadLettered(String reason) {
        delegate.deadLettered(reason);
    }

    @Override
    public void warmUpStarted() {
        delegate.warmUpStarted();
    }

    @Override
    public void warmUpEnded() {
        delegate.warmUpEnded();
    }

    @Override
    public void scored(ScoreRecord score) {
        delegate.scored(score);
    }

    @Override
    public void anomalyEvent(AnomalyEvent event) {
        delegate.anomalyEvent(event);
    }

    @Override
    public void batch(int windows, long nanos) {
        delegate.batch(windows, nanos);
    }

    @Override
    public void storeSize(String taskId, long series) {
        delegate.storeSize(taskId, series);
    }
}
