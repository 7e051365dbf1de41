package dev.vigil.streamer.alerting;

import java.time.Duration;

/** Exponential backoff: the first delay, doubled after every failure up to a maximum; {@link #reset()} on success. */
final class Backoff {

    static final Duration DEFAULT_INITIAL = Duration.ofMillis(500);
    static final Duration DEFAULT_MAX = Duration.ofSeconds(30);

    private final Duration initial;
    private final Duration max;
    private Duration next;
    private int failures;

    Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("expected 0 < initial <= max, found " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    static Backoff defaults() {
        return new Backoff(DEFAULT_INITIAL, DEFAULT_MAX);
    }

    /** Records a failure and returns how long to wait before the next attempt. */
    Duration failed() {
        Duration delay = next;
        failures++;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return delay;
    }

    /** Failures since the last success. */
    int failures() {
        return failures;
    }

    void reset() {
        next = initial;
        failures = 0;
    }
}
