package dev.vigil.streamer.state;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The series states of one stream task as the series processor uses them: decoded {@link SeriesState} objects kept
 * in front of the persistent, changelogged store of their encoded form.
 *
 * <p>Why: Kafka Streams' record cache holds encoded bytes, so every record decoded its series' state, encoded it
 * again and wrote it twice (with the point, then with its forecast), a fifth of a record's CPU. This store keeps the
 * decoded states of the series seen most recently and writes a changed state to the store below only when Kafka
 * Streams prepares a commit ({@link #flushCache()}, which it calls before it flushes the producer and commits the
 * input offsets, where it flushed its own record cache) or when the state is evicted to keep the cache within its
 * share of the budget. So at every commit the store below and its changelog hold the newest state of every series,
 * as they did with Kafka Streams' cache: a restart loses nothing.
 *
 * <p>The budget is {@code statestore.cache.max.bytes} (the memory Kafka Streams' own cache would have used; the
 * store below is built without it), shared evenly by the open tasks of the instance, at an estimated
 * {@link SeriesStateCodec#heapEstimate(int) heap size per state}. A budget of 0 writes every state through.
 *
 * <p>Owned by the stream thread that runs its task; not thread-safe. It extends Kafka Streams' internal
 * {@link WrappedStateStore} because that is how Kafka Streams finds the caches to flush before a commit.
 */
public final class SeriesStateStore extends WrappedStateStore<KeyValueStore<String, byte[]>, String, byte[]> {

    private final SeriesStateCodec codec;
    private final long bytesPerState;
    private final StateCacheBudget budget;
    /** Access order: the eldest entry is the series seen least recently. */
    private final LinkedHashMap<String, Cached> cached = new LinkedHashMap<>(1024, 0.75f, true);
    /** The entry {@link #get} returned last: the put that follows it for the same state needs no second lookup. */
    private String lastSeries;
    private Cached lastEntry;
    private StateStoreContext context;
    private boolean registered;
    private long evictions;

    SeriesStateStore(KeyValueStore<String, byte[]> stored, SeriesStateCodec codec, long bytesPerState,
                     StateCacheBudget budget) {
        super(stored);
        this.codec = codec;
        this.bytesPerState = bytesPerState;
        this.budget = budget;
    }

    @Override
    public void init(StateStoreContext stateStoreContext, StateStore root) {
        cached.clear();
        forgetLast();
        this.context = stateStoreContext;
        budget.configure(cacheBytes(stateStoreContext.appConfigs()));
        if (!registered) {
            budget.register();
            registered = true;
        }
        super.init(stateStoreContext, root);
    }

    /**
     * The series' state: the cached object, else decoded from the store (a fresh state when there is none), then
     * cached. The caller may change it; it is written to the store at the next commit.
     */
    public SeriesState get(String series) {
        Cached entry = cached.get(series);
        if (entry == null) {
            SeriesState state = codec.decode(wrapped().get(series));
            int capacity = budget.capacity(bytesPerState);
            if (capacity == 0) {
                return state; // nothing to write back: the caller's put writes it through
            }
            entry = keep(series, state, capacity);
        }
        entry.dirty = true;
        lastSeries = series;
        lastEntry = entry;
        return entry.state;
    }

    /** Makes {@code state} the series' state; it is written to the store at the next commit. */
    public void put(String series, SeriesState state) {
        if (lastEntry != null && lastEntry.dirty && lastEntry.state == state && series.equals(lastSeries)) {
            return; // handed out by get, still cached (an eviction forgets it) and not written since
        }
        Cached entry = cached.get(series);
        if (entry != null) {
            entry.state = state;
            entry.dirty = true;
            return;
        }
        int capacity = budget.capacity(bytesPerState);
        if (capacity == 0) {
            wrapped().put(series, codec.encode(state));
            return;
        }
        keep(series, state, capacity);
    }

    /**
     * The series' state as the store below holds it, ignoring the cache: what an instance restarted now would read
     * (changes since the last commit or eviction are not in it).
     */
    public SeriesState stored(String series) {
        return codec.decode(wrapped().get(series));
    }

    /** Every stored series with its encoded state, after writing the changed ones down. */
    public void forEachStored(BiConsumer<String, byte[]> action) {
        writeDown();
        try (KeyValueIterator<String, byte[]> all = wrapped().all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> next = all.next();
                action.accept(next.key, next.value);
            }
        }
    }

    public long approximateNumEntries() {
        return wrapped().approximateNumEntries();
    }

    /** How many states this store holds decoded, at most its share of the budget. */
    public int cachedStates() {
        return cached.size();
    }

    /** How many changed states were written down early to stay within the budget, since the store opened. */
    public long evictions() {
        return evictions;
    }

    /** Kafka Streams calls this before every commit: every changed state goes to the store and its changelog. */
    @Override
    public void flushCache() {
        writeDown();
        super.flushCache();
    }

    /** Kafka Streams calls this when the store below may have been changed behind the cache's back. */
    @Override
    public void clearCache() {
        cached.clear();
        forgetLast();
        super.clearCache();
    }

    @Override
    public void close() {
        cached.clear();
        forgetLast();
        if (registered) {
            budget.unregister();
            registered = false;
        }
        super.close();
    }

    /** Caches the state as changed, evicting the least recently seen beyond {@code capacity} (at least 1). */
    private Cached keep(String series, SeriesState state, int capacity) {
        Cached kept = new Cached(state);
        cached.put(series, kept);
        if (cached.size() > capacity) {
            forgetLast();
            Iterator<Map.Entry<String, Cached>> eldest = cached.entrySet().iterator();
            while (cached.size() > capacity) {
                Map.Entry<String, Cached> e = eldest.next();
                eldest.remove();
                if (e.getValue().dirty) {
                    wrapped().put(e.getKey(), codec.encode(e.getValue().state));
                    evictions++;
                }
            }
        }
        return kept;
    }

    private void forgetLast() {
        lastSeries = null;
        lastEntry = null;
    }

    private void writeDown() {
        ProcessorRecordContext before = null;
        InternalProcessorContext<?, ?> internal = null;
        for (Map.Entry<String, Cached> e : cached.entrySet()) {
            Cached entry = e.getValue();
            if (!entry.dirty) {
                continue;
            }
            if (internal == null && context instanceof InternalProcessorContext<?, ?> ipc) {
                // the changelog writer stamps each record with the current record's time: at a commit there may be
                // none (nothing processed since the task was revived), so stand in the commit's wall-clock time
                internal = ipc;
                before = ipc.recordContext();
                if (before == null) {
                    ipc.setRecordContext(new ProcessorRecordContext(ipc.currentSystemTimeMs(), -1, -1, null,
                            new RecordHeaders()));
                }
            }
            wrapped().put(e.getKey(), codec.encode(entry.state));
            entry.dirty = false;
        }
        if (internal != null && before == null) {
            internal.setRecordContext(null);
        }
    }

    private static long cacheBytes(Map<String, Object> appConfigs) {
        Object value = appConfigs.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG);
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value != null) {
            try {
                return Long.parseLong(value.toString().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG + " '" + value
                        + "': expected a number of bytes", e);
            }
        }
        return StateCacheBudget.KAFKA_STREAMS_DEFAULT;
    }

    private static final class Cached {
        SeriesState state;
        boolean dirty = true;

        Cached(SeriesState state) {
            this.state = state;
        }
    }
}
