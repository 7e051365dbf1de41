package dev.vigil.streamer.scoring;

/**
 * Where one series stands in the {@link AlertLifecycle}. Immutable; the caller stores it between points.
 *
 * <p>While closed, {@code overCount} counts the current run of consecutive anomalous steps, and when that run is not
 * empty {@code openedAtMillis}, {@code severity} and {@code peakScore} describe it (its first timestamp, highest
 * severity and highest score), ready for the anomaly it may open. While open, they describe the open anomaly,
 * {@code overCount} counts its anomalous steps and {@code quietCount} the current run of normal ones.
 *
 * @param open           whether an anomaly is open
 * @param overCount      anomalous steps: of the current run while closed, of the anomaly while open
 * @param quietCount     consecutive normal steps since the last anomalous one, while open
 * @param anomalyId      {@code seriesId + ":" + openedAtMillis} while open, else {@code null}
 * @param severity       the highest severity of the run or anomaly, {@code null} when there is none
 * @param openedAtMillis the timestamp of the run's or anomaly's first anomalous step; 0 when there is none
 * @param peakScore      the highest score of the run or anomaly; 0 when there is none
 */
public record AlertState(boolean open, int overCount, int quietCount, String anomalyId, Severity severity,
                         long openedAtMillis, double peakScore) {

    private static final AlertState INITIAL = new AlertState(false, 0, 0, null, null, 0L, 0.0);

    public AlertState {
        if (overCount < 0 || quietCount < 0) {
            throw new IllegalArgumentException("alert counts " + overCount + " over, " + quietCount
                    + " quiet: expected >= 0");
        }
        if (open && (anomalyId == null || severity == null)) {
            throw new IllegalArgumentException("open alert with id " + anomalyId + " and severity " + severity
                    + ": expected both");
        }
    }

    /** Closed, with no anomalous step pending: the state of a new series and of one whose anomaly resolved. */
    public static AlertState initial() {
        return INITIAL;
    }
}
