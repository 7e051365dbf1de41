package dev.vigil.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.spec.ModelSpec;
import dev.vigil.streamer.evaluation.EventMatch;
import dev.vigil.streamer.evaluation.FlaggedRanges;
import dev.vigil.streamer.evaluation.TimeRange;
import dev.vigil.streamer.inference.Forecaster;
import dev.vigil.streamer.metrics.StreamerMetrics;
import dev.vigil.streamer.output.OutputJson;
import dev.vigil.streamer.output.ScoreRecord;
import dev.vigil.streamer.topology.StreamerSettings;
import dev.vigil.streamer.topology.VigilTopology;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.internals.ProcessorStateManager;
import org.apache.kafka.streams.test.TestRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.function.IntConsumer;

/**
 * Runs the streamer's own topology ({@link VigilTopology#build}: the same decoding, windowing, batching, inference,
 * scoring, thresholds and alert lifecycle) over recorded series, offline, in Kafka Streams' in-process test driver:
 * no broker, but the real processors and state stores. Rows of all series are fed merged by timestamp, the order a
 * stream would see them.
 *
 * <p>One forecast per point: the batch size is forced to 1, so every point is scored against the one-step-ahead
 * forecast made from the window just before it, exactly what a live streamer does when batches keep up.
 */
public final class Backtester {

    private static final ObjectMapper JSON = OutputJson.mapper();
    private static final String APPLICATION_ID = "vigil-backtest";
    private static final String CHANGELOG =
            ProcessorStateManager.storeChangelogTopic(APPLICATION_ID, VigilTopology.SERIES_STORE, null);

    private final Forecaster model;
    private final StreamerSettings settings;
    private final ModelSpec spec;
    private final StreamerMetrics metrics;

    public Backtester(Forecaster model, StreamerSettings settings) {
        this(model, settings, StreamerMetrics.NONE);
    }

    /** @param metrics told what the streamer's topology reports, e.g. how each forecast was made */
    public Backtester(Forecaster model, StreamerSettings settings, StreamerMetrics metrics) {
        this.metrics = metrics;
        this.model = model;
        this.spec = model.spec();
        this.settings = settings.withBatch(1, Long.MAX_VALUE / 4);
    }

    /**
     * Scores every series and matches its alerts against {@code labels} (by series id; absent means none).
     *
     * @param progress told the number of rows fed so far, every 10,000 rows
     */
    public List<SeriesResult> run(List<ScoredSeries> series, List<String> features, Map<String, List<TimeRange>> labels,
                                  IntConsumer progress) {
        if (!features.equals(spec.features())) {
            throw new IllegalArgumentException("the series have features " + features + " but the model expects "
                    + spec.features() + " (in that order)");
        }
        Path stateDir = tempDir();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "backtest:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        Map<String, Collector> collectors = new HashMap<>();
        for (ScoredSeries s : series) {
            if (collectors.put(s.id(), new Collector(s)) != null) {
                throw new IllegalArgumentException("series id '" + s.id() + "' appears twice");
            }
        }
        try (TopologyTestDriver driver = new TopologyTestDriver(VigilTopology.build(settings, model, metrics), props,
                Instant.EPOCH)) {
            TestInputTopic<byte[], byte[]> input = driver.createInputTopic(settings.inputTopic(),
                    new ByteArraySerializer(), new ByteArraySerializer());
            TestOutputTopic<byte[], byte[]> scores = driver.createOutputTopic(settings.scoresTopic(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            TestOutputTopic<byte[], byte[]> anomalies = driver.createOutputTopic(settings.anomaliesTopic(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            TestOutputTopic<byte[], byte[]> deadLetters = driver.createOutputTopic(settings.deadLetterTopic(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            TestOutputTopic<byte[], byte[]> forecasts = driver.createOutputTopic(settings.forecastsTopic(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            // the driver commits after every record, so every point writes its series' whole state to the changelog,
            // which the driver keeps until read: 504,000 points with a 4,096-error history filled a 6 GiB heap
            TestOutputTopic<byte[], byte[]> changelog = driver.createOutputTopic(CHANGELOG,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            int fed = 0;
            for (Cursor c : merged(series)) {
                ScoredSeries s = c.series;
                input.pipeInput(s.id().getBytes(StandardCharsets.UTF_8), pointJson(s, c.row, features),
                        s.timestamps()[c.row]);
                for (TestRecord<byte[], byte[]> r : scores.readRecordsToList()) {
                    collectors.get(new String(r.key(), StandardCharsets.UTF_8)).score(r.value());
                }
                for (TestRecord<byte[], byte[]> r : anomalies.readRecordsToList()) {
                    collectors.get(new String(r.key(), StandardCharsets.UTF_8)).event(r.value());
                }
                if (!deadLetters.isEmpty()) {
                    throw new IllegalStateException("series " + s.id() + " row " + c.row + " (ts "
                            + s.timestamps()[c.row] + ") was dead-lettered: "
                            + deadLetters.readRecord().headers());
                }
                forecasts.readRecordsToList(); // not part of the result; read so the driver does not hold them
                changelog.readRecordsToList();
                if (++fed % 10_000 == 0) {
                    progress.accept(fed);
                }
            }
        } finally {
            deleteRecursively(stateDir);
        }
        List<SeriesResult> results = new ArrayList<>(series.size());
        for (ScoredSeries s : series) {
            results.add(collectors.get(s.id()).result(labels.getOrDefault(s.id(), List.of())));
        }
        return results;
    }

    private static byte[] pointJson(ScoredSeries s, int row, List<String> features) {
        StringBuilder json = new StringBuilder(32 + 24 * features.size()).append("{\"ts\":")
                .append(s.timestamps()[row]);
        if (features.size() == 1 && features.get(0).equals("value")) {
            json.append(",\"value\":").append(s.value(row, 0));
        } else {
            json.append(",\"values\":{");
            for (int f = 0; f < features.size(); f++) {
                json.append(f == 0 ? "\"" : ",\"").append(features.get(f)).append("\":").append(s.value(row, f));
            }
            json.append('}');
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The next row of one series; {@code order} is the series' position in the input, for ties. */
    private record Cursor(ScoredSeries series, int order, int row) {
    }

    /** Every row of every series, ordered by timestamp (ties: series order), as a stream would deliver them. */
    private static Iterable<Cursor> merged(List<ScoredSeries> series) {
        return () -> new java.util.Iterator<>() {
            private final PriorityQueue<Cursor> heads = new PriorityQueue<>(Comparator
                    .comparingLong((Cursor c) -> c.series.timestamps()[c.row])
                    .thenComparingInt(Cursor::order));

            {
                for (int i = 0; i < series.size(); i++) {
                    if (series.get(i).rows() > 0) {
                        heads.add(new Cursor(series.get(i), i, 0));
                    }
                }
            }

            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public Cursor next() {
                Cursor c = heads.poll();
                if (c.row + 1 < c.series.rows()) {
                    heads.add(new Cursor(c.series, c.order, c.row + 1));
                }
                return c;
            }
        };
    }

    /** Collects one series' score records and anomaly events. */
    private final class Collector {
        private final ScoredSeries series;
        private final List<RowResult> rows = new ArrayList<>();
        private final FlaggedRanges alerts = new FlaggedRanges();
        private final long firstScoredTs;
        private boolean open;

        Collector(ScoredSeries series) {
            this.series = series;
            this.firstScoredTs = series.scoreFrom() < series.rows() ? series.timestamps()[series.scoreFrom()]
                    : Long.MAX_VALUE;
        }

        void score(byte[] json) {
            ScoreRecord record = read(json, ScoreRecord.class);
            if (record.ts() < firstScoredTs) {
                return;
            }
            List<String> targets = spec.targets();
            int n = targets.size();
            double[] actual = new double[n];
            double[] expected = new double[n];
            double[] lower = new double[n];
            double[] upper = new double[n];
            boolean scored = ScoreRecord.SCORED.equals(record.status());
            int row = scored ? -1 : java.util.Arrays.binarySearch(series.timestamps(), record.ts());
            for (int t = 0; t < n; t++) {
                String target = targets.get(t);
                actual[t] = scored ? record.actual().get(target)
                        : row >= 0 ? series.value(row, spec.targetIndices()[t]) : Double.NaN;
                expected[t] = scored ? record.expected().get(target) : Double.NaN;
                // a series learning its threshold (vigil.threshold.warmup=learn) has no band and no score yet
                lower[t] = scored && record.lower() != null ? record.lower().get(target) : Double.NaN;
                upper[t] = scored && record.upper() != null ? record.upper().get(target) : Double.NaN;
            }
            rows.add(new RowResult(record.ts(), actual, expected, lower, upper,
                    scored && record.score() != null ? record.score() : Double.NaN,
                    scored && Boolean.TRUE.equals(record.anomaly()),
                    scored && open));
        }

        void event(byte[] json) {
            JsonNode event = readTree(json);
            String type = event.path("type").asText();
            long ts = event.path("ts").asLong();
            if ("OPENED".equals(type)) {
                open = true;
                alerts.begin(event.path("openedAt").asLong(ts));
                markOpenFrom(event.path("openedAt").asLong(ts));
            } else if ("RESOLVED".equals(type)) {
                open = false;
                alerts.end(ts);
            }
        }

        /** The event comes with the point that opened it: rows from its opening step on lie in the anomaly. */
        private void markOpenFrom(long openedAt) {
            for (int i = rows.size() - 1; i >= 0 && rows.get(i).ts() >= openedAt; i--) {
                rows.set(i, rows.get(i).inAlert());
            }
        }

        SeriesResult result(List<TimeRange> labels) {
            List<TimeRange> evaluated = new ArrayList<>();
            for (TimeRange alert : alerts.ranges()) {
                if (alert.end() >= firstScoredTs) {
                    evaluated.add(new TimeRange(Math.max(alert.start(), firstScoredTs), alert.end()));
                }
            }
            return new SeriesResult(series.id(), spec.targets(), List.copyOf(rows), evaluated, labels,
                    EventMatch.of(labels, evaluated));
        }
    }

    private static <T> T read(byte[] json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readTree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("vigil-backtest-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary state directory", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is not worth failing a finished backtest for
        }
    }
}
