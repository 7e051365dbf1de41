package dev.vigil.streamer.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.inference.InferenceOptions;
import dev.vigil.streamer.inference.ModelVariants;
import dev.vigil.streamer.inference.OnnxModel;
import dev.vigil.streamer.inference.SwappableModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model swapped in while the topology runs re-derives every series' forecast from its window. */
class ModelSwapTopologyTest {

    static final long T0 = 1_767_225_600_000L;
    static final long STEP = 60_000L;

    @TempDir
    Path dir;

    @Test
    void afterASwapEverySeriesIsForecastAgainByTheNewModelAndScoresCarryItsVersion() throws IOException {
        Path first = Files.write(dir.resolve("a.onnx"), ModelVariants.retrained("2026-01-01T00:00:00Z"));
        Path second = Files.write(dir.resolve("b.onnx"), ModelVariants.retrained("2026-02-01T00:00:00Z"));
        try (SwappableModel model = new SwappableModel(OnnxModel.load(first, InferenceOptions.defaults()));
             TopologyFixture fixture = new TopologyFixture(TopologyFixture.settings(1), model, dir.resolve("s"))) {
            String v1 = model.modelVersion();
            for (int t = 0; t < 10; t++) {
                for (String series : List.of("a", "b", "c")) {
                    send(fixture, series, t);
                }
            }
            fixture.forecasts.readRecordsToList();
            fixture.scores.readRecordsToList();

            assertTrue(model.swap(OnnxModel.load(second, InferenceOptions.defaults())).isEmpty());
            String v2 = model.modelVersion();
            assertNotEquals(v1, v2);
            fixture.lingerPasses();

            List<JsonNode> forecasts = TopologyFixture.json(fixture.forecasts);
            assertEquals(3, forecasts.size(), "every warm series is forecast again from its window");
            forecasts.forEach(f -> assertEquals(v2, f.get("modelVersion").asText()));
            send(fixture, "a", 10);
            JsonNode score = TopologyFixture.json(fixture.scores).get(0);
            assertEquals(v2, score.get("modelVersion").asText(), "scores carry the model that serves now");
            assertEquals(1, score.get("horizonStep").asInt(), "against the new model's one-step forecast");
        }
    }

    private static void send(TopologyFixture fixture, String series, int t) {
        fixture.send(series, String.format(Locale.ROOT, "{\"ts\": %d, \"values\": {\"value\": %s, \"flag\": 0}}",
                T0 + t * STEP, 100 + 10 * Math.sin(t / 3.0) + series.charAt(0)));
    }
}
