package dev.vigil.streamer.dashboards;

import dev.vigil.spec.Hyperparameters;
import dev.vigil.trainer.TrainingPipeline;
import dev.vigil.trainer.TrainingRequest;
import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.Series;
import dev.vigil.trainer.data.SyntheticHistory;
import dev.vigil.trainer.fit.FitProgress;
import dev.vigil.trainer.fit.SplitFractions;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small trained model and synthetic traffic for it: minute-step series ending now, a level shift injected in
 * every fifth series (so anomalies open and resolve), and a few bad records of different reasons.
 */
final class AnomalousTraffic {

    static final int WINDOW = 24;
    static final int HORIZON = 6;
    static final long STEP_MILLIS = 60_000L;

    private final int seriesCount;
    private final int steps;
    private final int anomalyStart;
    private final int anomalyLength;

    AnomalousTraffic(int seriesCount, int steps, int anomalyStart, int anomalyLength) {
        this.seriesCount = seriesCount;
        this.steps = steps;
        this.anomalyStart = anomalyStart;
        this.anomalyLength = anomalyLength;
    }

    /** Trains a small real model with the trainer (as the end-to-end tests do, about ten seconds). */
    static Path trainModel(Path dir) {
        Path model = dir.resolve("dashboards-model.onnx");
        new TrainingPipeline(FitProgress.NONE).run(new TrainingRequest(
                SyntheticHistory.of(20, 1500, 5).generate(), List.of(), WINDOW, HORIZON,
                new Hyperparameters(1, 32, 0, 64, 0.005, 6, 3, 1.0, 8192, 11), SplitFractions.defaults(),
                2048, 1024, 24, List.of(0.99, 0.999, 0.9999), model, false, null));
        return model;
    }

    /** How many records score: every good point once. */
    int scoredRecords() {
        return seriesCount * steps;
    }

    /** The records in {@code rounds} consecutive slices of time, to be sent a little apart. */
    List<List<ProducerRecord<String, String>>> rounds(String topic, int rounds, long nowMillis) {
        History history = SyntheticHistory.of(seriesCount, steps, 7).generate();
        long first = (nowMillis / STEP_MILLIS - steps) * STEP_MILLIS;
        List<List<ProducerRecord<String, String>>> slices = new ArrayList<>();
        int perRound = (steps + rounds - 1) / rounds;
        for (int from = 0; from < steps; from += perRound) {
            List<ProducerRecord<String, String>> slice = new ArrayList<>();
            for (int t = from; t < Math.min(steps, from + perRound); t++) {
                long ts = first + t * STEP_MILLIS;
                for (int s = 0; s < seriesCount; s++) {
                    Series series = history.series().get(s);
                    double value = series.value(t, 0);
                    if (s % 5 == 0 && t >= anomalyStart && t < anomalyStart + anomalyLength) {
                        value += 3 * Math.abs(series.value(0, 0)) + 1;
                    }
                    slice.add(new ProducerRecord<>(topic, series.id(), point(ts, value)));
                }
                if (t == from + 1) { // bad records: unparsable ts, then a duplicate of the series' latest step
                    String id = history.series().get(1).id();
                    slice.add(new ProducerRecord<>(topic, id, "{\"ts\": \"not a time\", \"value\": 1}"));
                    slice.add(new ProducerRecord<>(topic, id, point(ts, 0)));
                }
            }
            slices.add(slice);
        }
        return slices;
    }

    private static String point(long ts, double value) {
        return String.format(Locale.ROOT, "{\"ts\": %d, \"value\": %s}", ts, value);
    }
}
