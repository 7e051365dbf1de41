package dev.vigil.streamer.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.streamer.inference.InferenceOptions;
import dev.vigil.streamer.inference.OnnxModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The streamer's forecasts for the golden model's held-out windows equal the trainer's committed ones. */
class GoldenModelTopologyTest {

    @TempDir
    Path dir;

    @Test
    void forecastsMatchTheTrainersFixtures() throws IOException {
        Path modelFile = dir.resolve("model.onnx");
        JsonNode cases;
        try (InputStream model = getClass().getResourceAsStream("/golden/model.onnx");
             InputStream json = getClass().getResourceAsStream("/golden/cases.json")) {
            Files.write(modelFile, model.readAllBytes());
            cases = TopologyFixture.parse(json.readAllBytes());
        }
        try (OnnxModel model = OnnxModel.load(modelFile, InferenceOptions.defaults());
             TopologyFixture fixture = new TopologyFixture(TopologyFixture.settings(1), model, dir.resolve("state"))) {
            long step = model.spec().stepMillis();
            int w = model.spec().windowSize();
            for (int c = 0; c < cases.size(); c++) {
                JsonNode testCase = cases.get(c);
                String series = "golden-" + c;
                long end = testCase.get("windowEndMillis").asLong();
                for (int i = 0; i < w; i++) {
                    JsonNode row = testCase.get("raw").get(i);
                    fixture.send(series, String.format(Locale.ROOT,
                            "{\"ts\": %d, \"values\": {\"value\": %s, \"flag\": %s}}",
                            end - (w - 1 - i) * step, row.get(0).asDouble(), row.get(1).asDouble()));
                }
            }
            List<JsonNode> forecasts = TopologyFixture.json(fixture.forecasts);
            assertEquals(cases.size(), forecasts.size(), "one forecast per golden window");
            for (int c = 0; c < cases.size(); c++) {
                JsonNode expected = cases.get(c).get("forecast");
                JsonNode actual = forecasts.get(c);
                assertEquals(cases.get(c).get("windowEndMillis").asLong(), actual.get("origin").asLong());
                for (int h = 0; h < expected.size(); h++) {
                    double want = expected.get(h).get(0).asDouble();
                    double got = actual.get("steps").get(h).get("values").get("value").asDouble();
                    assertEquals(want, got, 1e-4 * Math.max(1, Math.abs(want)),
                            "case " + c + " step " + (h + 1) + ": streamer forecast vs trainer fixture");
                }
            }
        }
    }
}
