package dev.vigil.streamer.topology;

import dev.vigil.streamer.inference.Forecaster;
import dev.vigil.streamer.inference.InferenceMode;
import dev.vigil.streamer.input.PointDecoder;
import dev.vigil.streamer.metrics.StreamerMetrics;
import dev.vigil.streamer.state.SeriesStateCodec;
import dev.vigil.streamer.state.SeriesStateStoreBuilder;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.Set;

/**
 * The streamer's topology, built by one plain function that {@code main} and the tests both call: the metrics topic
 * into the series processor, which writes scores, forecasts, anomaly events and dead letters.
 */
public final class VigilTopology {

    public static final String SERIES_STORE = "vigil-series";
    /** Header of a point re-keyed by the input stage: the features that are monotonic counters, comma-separated. */
    public static final String COUNTERS_HEADER = "vigil.counters";
    static final String FAN_OUT = "input-decoder";
    static final String POINTS_SINK = "points-sink";
    static final String POINTS_SOURCE = "points-source";
    static final String FAN_OUT_DEAD_LETTER_SINK = "input-dead-letter-sink";
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
        return build(settings, forecaster, metrics, null);
    }

    /**
     * The topology; with {@code fanOut} the input topic holds an agent format: its records are decoded, fanned out
     * and re-keyed by series id through {@code fanOut.pointsTopic()} before the series processor.
     */
    public static Topology build(StreamerSettings settings, Forecaster forecaster, StreamerMetrics metrics,
                                 FanOut fanOut) {
        if (settings.inferenceMode() == InferenceMode.STATEFUL && forecaster.stateSize() == 0) {
            throw new IllegalArgumentException("inference mode 'stateful' needs a model with an LSTM state input, "
                    + "but model " + forecaster.modelVersion() + " has none (it was exported before stateful "
                    + "serving existed): export it again with this version's trainer, or use mode 'auto' or "
                    + "'window'");
        }
        Topology topology = new Topology();
        ByteArrayDeserializer bytesIn = new ByteArrayDeserializer();
        ByteArraySerializer bytes = new ByteArraySerializer();
        String seriesSource = SOURCE;
        if (fanOut == null) {
            topology.addSource(SOURCE, bytesIn, bytesIn, settings.inputTopic());
        } else {
            topology.addSource(SOURCE, bytesIn, bytesIn, settings.inputTopic());
            topology.addProcessor(FAN_OUT, () -> new FanOutProcessor(fanOut.decoder(), metrics), SOURCE);
            topology.addSink(POINTS_SINK, fanOut.pointsTopic(), bytes, bytes, FAN_OUT);
            topology.addSink(FAN_OUT_DEAD_LETTER_SINK, settings.deadLetterTopic(), bytes, bytes, FAN_OUT);
            topology.addSource(POINTS_SOURCE, bytesIn, bytesIn, fanOut.pointsTopic());
            seriesSource = POINTS_SOURCE;
        }
        topology.addProcessor(PROCESSOR, new SeriesProcessorSupplier(settings, forecaster, metrics, fanOut != null),
                seriesSource);
        topology.addSink(SCORES_SINK, settings.scoresTopic(), bytes, bytes, PROCESSOR);
        topology.addSink(FORECASTS_SINK, settings.forecastsTopic(), bytes, bytes, PROCESSOR);
        topology.addSink(ANOMALIES_SINK, settings.anomaliesTopic(), bytes, bytes, PROCESSOR);
        topology.addSink(DEAD_LETTER_SINK, settings.deadLetterTopic(), bytes, bytes, PROCESSOR);
        return topology;
    }

    /** The input stage for agent formats: how to decode, and the topic that re-keys points by series. */
    public record FanOut(PointDecoder decoder, String pointsTopic) {
    }

    /** Declares the processor's store: persistent, changelogged, with a cache of decoded states. */
    private record SeriesProcessorSupplier(StreamerSettings settings, Forecaster forecaster, StreamerMetrics metrics,
                                           boolean fannedOut)
            implements ProcessorSupplier<byte[], byte[], byte[], byte[]> {

        @Override
        public Processor<byte[], byte[], byte[], byte[]> get() {
            // records were counted when they entered the input stage
            return new SeriesProcessor(settings, forecaster, fannedOut ? new PointsMetrics(metrics) : metrics);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(new SeriesStateStoreBuilder(SERIES_STORE,
                    SeriesStateCodec.forModel(forecaster.spec(), settings.errorHistory()), forecaster.stateSize()));
        }
    }
}
