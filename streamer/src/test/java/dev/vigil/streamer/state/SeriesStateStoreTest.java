package dev.vigil.streamer.state;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The series store through Kafka Streams' own commit path (TopologyTestDriver commits after every record): decoded
 * states are kept between records, written down at commits and evictions, and found again after a restart.
 */
class SeriesStateStoreTest {

    private static final String STORE = "series";
    private static final SeriesStateCodec CODEC = new SeriesStateCodec(4, 1, 2, 1, 8);
    private static final long PER_STATE = CODEC.heapEstimate(0);

    @TempDir
    Path stateDir;

    /** Appends each record's value (a number) to its key's series, remembering every state object it was handed. */
    private static final class Appender implements Processor<String, String, Void, Void> {
        final List<SeriesState> seen;
        private SeriesStateStore states;
        private long ts;

        Appender(List<SeriesState> seen) {
            this.seen = seen;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            states = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            SeriesState state = states.get(record.key());
            seen.add(state);
            state.append(++ts * 1000, new double[] {Double.parseDouble(record.value())}, false);
            states.put(record.key(), state);
        }
    }

    private TopologyTestDriver driver(long cacheBytes, List<SeriesState> seen) {
        Topology topology = new Topology();
        topology.addSource("in", new StringDeserializer(), new StringDeserializer(), "points");
        topology.addProcessor("append", new ProcessorSupplier<String, String, Void, Void>() {
            @Override
            public Processor<String, String, Void, Void> get() {
                return new Appender(seen);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(new SeriesStateStoreBuilder(STORE, CODEC, 0));
            }
        }, "in");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "series-store-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Long.toString(cacheBytes));
        return new TopologyTestDriver(topology, props);
    }

    private static TestInputTopic<String, String> input(TopologyTestDriver driver) {
        return driver.createInputTopic("points", new StringSerializer(), new StringSerializer());
    }

    /** Gets the series' state, appends one point and puts it back, as the processor does for a record. */
    private static SeriesState change(SeriesStateStore store, String series, long ts, double value) {
        SeriesState state = store.get(series);
        state.append(ts, new double[] {value}, false);
        store.put(series, state);
        return state;
    }

    private static SeriesStateStore store(TopologyTestDriver driver) {
        return (SeriesStateStore) driver.getStateStore(STORE);
    }

    @Test
    void aSeriesKeepsOneDecodedStateBetweenRecordsAndEachCommitWritesItDown() {
        List<SeriesState> seen = new ArrayList<>();
        try (TopologyTestDriver driver = driver(1024 * PER_STATE, seen)) {
            TestInputTopic<String, String> in = input(driver);
            in.pipeInput("a", "1");
            in.pipeInput("a", "2");
            in.pipeInput("a", "3");

            assertSame(seen.get(0), seen.get(1), "the second record got its series' state from the cache, not "
                    + "decoded again");
            assertSame(seen.get(0), seen.get(2), "the third too");
            SeriesState stored = store(driver).stored("a");
            assertEquals(3, stored.count(), "the commit after the last record wrote the state with all 3 points");
            assertEquals(3.0, stored.lastValues()[0], "newest value as stored");
            assertEquals(0, store(driver).evictions(), "nothing had to leave a cache with room for 1,024 states");
        }
    }

    @Test
    void changesReachTheStoreBelowOnlyAtTheNextCommit() {
        try (TopologyTestDriver driver = driver(1024 * PER_STATE, new ArrayList<>())) {
            SeriesStateStore store = store(driver);
            change(store, "b", 1000, 7);

            assertEquals(0, store.stored("b").count(), "not written before a commit: a restart now would not see it");
            store.flushCache(); // what Kafka Streams calls as it prepares a commit
            assertEquals(1, store.stored("b").count(), "written when the commit was prepared");
        }
    }

    @Test
    void aStateChangedAgainAfterACommitIsWrittenAtTheNextOne() {
        try (TopologyTestDriver driver = driver(1024 * PER_STATE, new ArrayList<>())) {
            SeriesStateStore store = store(driver);
            SeriesState state = change(store, "c", 1000, 1);
            store.flushCache();
            // as the batcher does: the same object, changed after the commit, put back with no get between
            state.append(2000, new double[] {2}, false);
            store.put("c", state);
            store.flushCache();

            assertEquals(2, store.stored("c").count(), "the change made after the first commit was written too");
        }
    }

    @Test
    void overItsBudgetTheStoreWritesDownTheLeastRecentlySeenSeries() {
        List<SeriesState> seen = new ArrayList<>();
        try (TopologyTestDriver driver = driver(2 * PER_STATE, seen)) {
            SeriesStateStore store = store(driver);
            change(store, "a", 1000, 1);
            change(store, "b", 1000, 2);
            assertEquals(0, store.stored("a").count(), "within the budget nothing is written before a commit");

            change(store, "c", 1000, 3); // a third series: "a", seen least recently, leaves the cache

            assertEquals(2, store.cachedStates(), "a budget of 2 states holds 2");
            assertEquals(1, store.evictions(), "one changed state written down early");
            assertEquals(1, store.stored("a").count(), "the evicted state was written with its change");
            assertEquals(0, store.stored("b").count(), "the others wait for the commit");
            SeriesState again = store.get("a");
            assertEquals(1.0, again.lastValues()[0], "read back from the store below");
        }
    }

    @Test
    void aBudgetOfZeroWritesEveryChangeThrough() {
        try (TopologyTestDriver driver = driver(0, new ArrayList<>())) {
            SeriesStateStore store = store(driver);
            change(store, "z", 1000, 5);

            assertEquals(0, store.cachedStates(), "nothing held");
            assertEquals(1, store.stored("z").count(), "written at once");
        }
    }

    @Test
    void aWalkOverTheStoredStatesWritesTheChangedOnesDownFirst() {
        try (TopologyTestDriver driver = driver(1024 * PER_STATE, new ArrayList<>())) {
            SeriesStateStore store = store(driver);
            change(store, "p", 1000, 9);
            change(store, "q", 1000, 9);
            List<String> walked = new ArrayList<>();
            store.forEachStored((series, bytes) -> {
                walked.add(series);
                assertEquals(1, CODEC.decode(bytes).count(), "series " + series + " walked with its change");
            });
            assertEquals(List.of("p", "q"), walked, "both series, changed since the last commit, were walked");
        }
    }

    @Test
    void theBudgetIsSharedEvenlyByTheOpenStores() {
        StateCacheBudget budget = new StateCacheBudget();
        budget.configure(12 * PER_STATE);
        budget.register();
        assertEquals(12, budget.capacity(PER_STATE), "one store: the whole budget");
        budget.register();
        budget.register();
        assertEquals(4, budget.capacity(PER_STATE), "three stores: a third each");
        budget.unregister();
        assertEquals(6, budget.capacity(PER_STATE), "one closed: half each");
        budget.configure(0);
        assertEquals(0, budget.capacity(PER_STATE), "no budget: nothing cached");
        assertTrue(PER_STATE > CODEC.maxSize(0, 0), "the estimate covers at least the encoded state");
    }
}
