package dev.vigil.streamer.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.inference.Forecaster;
import dev.vigil.streamer.metrics.StreamerMetrics;
import dev.vigil.streamer.output.OutputJson;
import dev.vigil.streamer.scoring.ThresholdWarmUp;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/** A {@link TopologyTestDriver} over {@link VigilTopology} with helpers to send points and read outputs as JSON. */
final class TopologyFixture implements AutoCloseable {

    final StreamerSettings settings;
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> input;
    final TestOutputTopic<byte[], byte[]> scores;
    final TestOutputTopic<byte[], byte[]> forecasts;
    final TestOutputTopic<byte[], byte[]> anomalies;
    final TestOutputTopic<byte[], byte[]> deadLetters;

    TopologyFixture(StreamerSettings settings, Forecaster forecaster, Path stateDir) {
        this(settings, forecaster, stateDir, null);
    }

    TopologyFixture(StreamerSettings settings, Forecaster forecaster, Path stateDir, VigilTopology.FanOut fanOut) {
        this.settings = settings;
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "vigil-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(VigilTopology.build(settings, forecaster, StreamerMetrics.NONE, fanOut), props);
        ByteArraySerializer ser = new ByteArraySerializer();
        ByteArrayDeserializer de = new ByteArrayDeserializer();
        input = driver.createInputTopic(settings.inputTopic(), ser, ser);
        scores = driver.createOutputTopic(settings.scoresTopic(), de, de);
        forecasts = driver.createOutputTopic(settings.forecastsTopic(), de, de);
        anomalies = driver.createOutputTopic(settings.anomaliesTopic(), de, de);
        deadLetters = driver.createOutputTopic(settings.deadLetterTopic(), de, de);
    }

    /** Settings for tests: small batches that flush on size, a linger long enough to control by hand. */
    static StreamerSettings settings(int batchMaxSize) {
        StreamerSettings d = StreamerSettings.defaults();
        return new StreamerSettings(d.inputTopic(), d.scoresTopic(), d.forecastsTopic(), d.anomaliesTopic(),
                d.deadLetterTopic(), batchMaxSize, 60_000, 3, 0.99, 1.0, 64, 1_000_000, 0.5, 3, 4, 4,
                d.maxFutureMs());
    }

    /**
     * {@link #settings(int) Test settings} for scoring: raw errors smoothed with 0.1, a threshold adapting after
     * {@value #ADAPT_AFTER} errors (256 held) with a 10% margin, alerts opening after 3 anomalous steps and resolving
     * after 20 normal ones.
     */
    static StreamerSettings rawErrorSettings(int lowErrorSteps, ThresholdWarmUp warmUp) {
        StreamerSettings t = settings(1);
        return new StreamerSettings(t.inputTopic(), t.scoresTopic(), t.forecastsTopic(), t.anomaliesTopic(),
                t.deadLetterTopic(), t.batchMaxSize(), t.batchMaxLingerMs(), t.gapFillMaxSteps(),
                t.thresholdQuantile(), 0.1, 256, ADAPT_AFTER, 0, 3, 20, t.maxLabels(), t.maxFutureMs(), 0.1, 0, true,
                t.inferenceMode(), t.stateRefreshSteps(), t.stateMaxDrift(), lowErrorSteps, warmUp);
    }

    /** Errors {@link #rawErrorSettings} holds before its threshold adapts. */
    static final int ADAPT_AFTER = 50;

    void send(String series, String json) {
        input.pipeInput(series == null ? null : series.getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8));
    }

    void sendValue(String series, long ts, double value) {
        send(series, String.format(Locale.ROOT, "{\"ts\": %d, \"value\": %s}", ts, value));
    }

    /** Lets the linger time pass so queued forecasts are computed. */
    void lingerPasses() {
        driver.advanceWallClockTime(Duration.ofMillis(settings.batchMaxLingerMs() + 1));
    }

    static List<JsonNode> json(TestOutputTopic<byte[], byte[]> topic) {
        return topic.readRecordsToList().stream().map(r -> parse(r.value())).toList();
    }

    static JsonNode parse(byte[] value) {
        try {
            return OutputJson.mapper().readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String header(TestRecord<byte[], byte[]> record, String key) {
        Headers headers = record.headers();
        var h = headers.lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
