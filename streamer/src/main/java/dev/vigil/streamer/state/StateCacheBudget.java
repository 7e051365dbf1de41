package dev.vigil.streamer.state;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The heap the {@link SeriesStateStore}s of one streamer instance may fill with decoded states, shared evenly by the
 * stores open at the moment (one per task, on any stream thread). A store's share shrinks when another task opens
 * and grows when one closes; a store over its share writes its least recently seen states down at its next change.
 */
public final class StateCacheBudget {

    /** Kafka Streams' own default for {@code statestore.cache.max.bytes}, used when the setting is absent. */
    static final long KAFKA_STREAMS_DEFAULT = 10L * 1024 * 1024;

    private final AtomicInteger stores = new AtomicInteger();
    private volatile long maxBytes = KAFKA_STREAMS_DEFAULT;

    /** The budget in bytes, from the instance's configuration; every store of the instance reads the same one. */
    void configure(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("state cache budget " + bytes + " bytes: expected at least 0");
        }
        this.maxBytes = bytes;
    }

    void register() {
        stores.incrementAndGet();
    }

    void unregister() {
        stores.decrementAndGet();
    }

    /** How many states of {@code bytesPerState} one store may hold now; 0 when the budget is 0. */
    int capacity(long bytesPerState) {
        long share = maxBytes / Math.max(1, stores.get());
        return (int) Math.min(Integer.MAX_VALUE, share / Math.max(1, bytesPerState));
    }
}
