package dev.vigil.streamer.scoring;

/**
 * How far a smoothed error is above its threshold, in declaration order (so {@code compareTo} ranks them):
 * {@code MINOR} below 2 thresholds, {@code MAJOR} below 4, {@code CRITICAL} from 4 on. See {@link AnomalyScore}.
 */
public enum Severity {
    MINOR,
    MAJOR,
    CRITICAL
}
