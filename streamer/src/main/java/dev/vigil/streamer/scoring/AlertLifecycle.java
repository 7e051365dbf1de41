package dev.vigil.streamer.scoring;

import java.util.Objects;

/**
 * Turns a series' stream of anomalous/normal steps into few, meaningful events, without alert storms:
 *
 * <ul>
 *   <li>an anomaly {@link EventType#OPENED opens} after {@code openAfterSteps} consecutive anomalous steps, so a
 *       single spike raises nothing; a normal step before that starts the count again;</li>
 *   <li>while open it is {@link EventType#UPDATED updated} only when an anomalous step brings a higher severity than
 *       the anomaly had: never for the same severity, never to de-escalate;</li>
 *   <li>it {@link EventType#RESOLVED resolves} after {@code resolveAfterQuietSteps} consecutive normal steps; an
 *       anomalous step in between starts that count again.</li>
 * </ul>
 *
 * <p>The anomaly's id is {@code seriesId + ":" + } the timestamp of the first anomalous step of the run that opened
 * it. {@link #step} is a pure function of its arguments, so replaying the same points gives the same events and ids.
 */
public final class AlertLifecycle {

    private final int openAfterSteps;
    private final int resolveAfterQuietSteps;

    public AlertLifecycle(int openAfterSteps, int resolveAfterQuietSteps) {
        if (openAfterSteps < 1) {
            throw new IllegalArgumentException("open after " + openAfterSteps + " steps: expected at least 1");
        }
        if (resolveAfterQuietSteps < 1) {
            throw new IllegalArgumentException("resolve after " + resolveAfterQuietSteps
                    + " quiet steps: expected at least 1");
        }
        this.openAfterSteps = openAfterSteps;
        this.resolveAfterQuietSteps = resolveAfterQuietSteps;
    }

    /**
     * One point of one series.
     *
     * @param state     the series' state before this point
     * @param seriesId  the series, for the anomaly id
     * @param tsMillis  the point's timestamp
     * @param anomalous whether the point is anomalous (see {@link AnomalyScore#anomalous})
     * @param score     the point's score
     * @param severity  the point's severity; may be {@code null} when the point is not anomalous
     */
    public AlertTransition step(AlertState state, String seriesId, long tsMillis, boolean anomalous, double score,
                                Severity severity) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(seriesId, "seriesId");
        if (anomalous && severity == null) {
            throw new IllegalArgumentException("anomalous point of series " + seriesId + " at " + tsMillis
                    + " without a severity");
        }
        return state.open()
                ? stepOpen(state, anomalous, score, severity)
                : stepClosed(state, seriesId, tsMillis, anomalous, score, severity);
    }

    private AlertTransition stepClosed(AlertState state, String seriesId, long tsMillis, boolean anomalous,
                                       double score, Severity severity) {
        if (!anomalous) {
            return AlertTransition.quiet(AlertState.initial());
        }
        boolean first = state.overCount() == 0;
        long start = first ? tsMillis : state.openedAtMillis();
        Severity runSeverity = first ? severity : max(state.severity(), severity);
        double peak = first ? score : Math.max(state.peakScore(), score);
        int over = state.overCount() + 1;
        if (over < openAfterSteps) {
            return AlertTransition.quiet(new AlertState(false, over, 0, null, runSeverity, start, peak));
        }
        String id = seriesId + ":" + start;
        return new AlertTransition(new AlertState(true, over, 0, id, runSeverity, start, peak), EventType.OPENED);
    }

    private AlertTransition stepOpen(AlertState state, boolean anomalous, double score, Severity severity) {
        if (!anomalous) {
            int quiet = state.quietCount() + 1;
            if (quiet >= resolveAfterQuietSteps) {
                return new AlertTransition(AlertState.initial(), EventType.RESOLVED);
            }
            return AlertTransition.quiet(new AlertState(true, state.overCount(), quiet, state.anomalyId(),
                    state.severity(), state.openedAtMillis(), state.peakScore()));
        }
        int over = state.overCount() == Integer.MAX_VALUE ? Integer.MAX_VALUE : state.overCount() + 1;
        boolean escalates = severity.compareTo(state.severity()) > 0;
        AlertState next = new AlertState(true, over, 0, state.anomalyId(),
                escalates ? severity : state.severity(), state.openedAtMillis(), Math.max(state.peakScore(), score));
        return new AlertTransition(next, escalates ? EventType.UPDATED : null);
    }

    private static Severity max(Severity a, Severity b) {
        return a == null || b.compareTo(a) > 0 ? b : a;
    }
}
