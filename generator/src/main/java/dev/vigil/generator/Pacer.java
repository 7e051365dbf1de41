package dev.vigil.generator;

import java.util.concurrent.TimeUnit;

/** Holds a producer to a rate: point {@code n} is not released before {@code n / rate} seconds from the start. */
final class Pacer {

    private static final long SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final double nanosPerPoint;
    private long startNanos = -1;

    /** @param rate points per second; 0 or less means as fast as possible */
    Pacer(double rate) {
        this.nanosPerPoint = rate > 0 ? 1e9 / rate : 0;
    }

    /** Waits until point number {@code sent} (0-based) may go. */
    void await(long sent) throws InterruptedException {
        if (nanosPerPoint == 0) {
            return;
        }
        long now = System.nanoTime();
        if (startNanos < 0) {
            startNanos = now;
        }
        long ahead = startNanos + (long) (sent * nanosPerPoint) - now;
        if (ahead > SLACK_NANOS) {
            TimeUnit.NANOSECONDS.sleep(ahead);
        }
    }
}
