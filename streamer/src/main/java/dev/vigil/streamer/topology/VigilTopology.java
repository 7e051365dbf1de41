package dev.vigil.streamer.topology;

import dev.vigil.streamer.inference.Forecaster;
import dev.vigil.streamer.metrics.StreamerMetrics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.Set;

/**
 * The streamer's topology, built by one plain function that {@code main} and the tests both call: the metrics topic
 * into the series processor, which writes scores, forecasts, anomaly events and dead letters.
 */
public final class VigilTopology {

    public static final String SERIES_STORE = "vigil-series";
    public static final String PENDING_STORE = "vigil-pending-forecasts";
    static final String SOURCE = "metrics-source";
    static final String PROCESSOR = "series-processor";
    static final String SCORES_SINK = "scores-sink";
    static final String FORECASTS_SINK = "forecasts-sink";
    static final String ANOMALIES_SINK = "anomalies-sink";
    static final String DEAD_LETTER_SINK = "dead-letter-sink";

    private VigilTopology() {
    }

    public static Topology build(StreamerSettings settings, Forecaster forecaster) {
        return build(settings, forecaster, StreamerMetrics.NONE);
    }

    public static Topology build(StreamerSettings settings, Forecaster forecaster, StreamerMetrics metrics) {
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), settings.inputTopic());
        topology.addProcessor(PROCESSOR, new SeriesProcessorSupplier(settings, forecaster, metrics), SOURCE);
        ByteArraySerializer bytes = new ByteArraySerializer();
        topology.addSink(SCORES_SINK, settings.scoresTopic(), bytes, bytes, PROCESSOR);
        topology.addSink(FORECASTS_SINK, settings.forecastsTopic(), bytes, bytes, PROCESSOR);
        topology.addSink(ANOMALIES_SINK, settings.anomaliesTopic(), bytes, bytes, PROCESSOR);
        topology.addSink(DEAD_LETTER_SINK, settings.deadLetterTopic(), bytes, bytes, PROCESSOR);
        return topology;
    }

    /** Declares the processor's stores: persistent, cached, changelogged. */
    private record SeriesProcessorSupplier(StreamerSettings settings, Forecaster forecaster, StreamerMetrics metrics)
            implements ProcessorSupplier<byte[], byte[], byte[], byte[]> {

        @Override
        public Processor<byte[], byte[], byte[], byte[]> get() {
            return new SeriesProcessor(settings, forecaster, metrics);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SERIES_STORE), Serdes.String(),
                            Serdes.ByteArray()).withCachingEnabled(),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_STORE), Serdes.String(),
                            Serdes.Long()).withCachingEnabled());
        }
    }
}
