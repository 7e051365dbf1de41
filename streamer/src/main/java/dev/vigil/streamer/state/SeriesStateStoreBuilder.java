package dev.vigil.streamer.state;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.Map;

/**
 * Builds one {@link SeriesStateStore} per task: a persistent RocksDB store of encoded states with its changelog,
 * without Kafka Streams' record cache (the series store caches decoded states itself), all tasks of the topology
 * sharing one {@link StateCacheBudget}.
 */
public final class SeriesStateStoreBuilder implements StoreBuilder<SeriesStateStore> {

    private final StoreBuilder<KeyValueStore<String, byte[]>> stored;
    private final SeriesStateCodec codec;
    private final long bytesPerState;
    private final StateCacheBudget budget = new StateCacheBudget();

    /** @param stateSize floats of LSTM state the model carries per series, for the heap estimate */
    public SeriesStateStoreBuilder(String name, SeriesStateCodec codec, int stateSize) {
        this(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
                .withCachingDisabled(), codec, codec.heapEstimate(stateSize));
    }

    private SeriesStateStoreBuilder(StoreBuilder<KeyValueStore<String, byte[]>> stored, SeriesStateCodec codec,
                                    long bytesPerState) {
        this.stored = stored;
        this.codec = codec;
        this.bytesPerState = bytesPerState;
    }

    /** Kafka Streams' record cache stays off below: this store caches decoded states instead. */
    @Override
    public StoreBuilder<SeriesStateStore> withCachingEnabled() {
        return this;
    }

    @Override
    public StoreBuilder<SeriesStateStore> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<SeriesStateStore> withLoggingEnabled(Map<String, String> config) {
        stored.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<SeriesStateStore> withLoggingDisabled() {
        stored.withLoggingDisabled();
        return this;
    }

    @Override
    public SeriesStateStore build() {
        return new SeriesStateStore(stored.build(), codec, bytesPerState, budget);
    }

    @Override
    public Map<String, String> logConfig() {
        return stored.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return stored.loggingEnabled();
    }

    @Override
    public String name() {
        return stored.name();
    }
}
