package dev.vigil.streamer.inference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelReloaderTest {

    @TempDir
    Path dir;

    final List<String> accepted = new ArrayList<>();
    final List<String> refused = new ArrayList<>();
    final ModelReloader.Listener listener = new ModelReloader.Listener() {
        @Override
        public void accepted(OnnxModel model) {
            accepted.add(model.modelVersion());
        }

        @Override
        public void refused(String reason) {
            refused.add(reason);
        }
    };

    @Test
    void aNewCompatibleVersionIsSwappedInAndBadOnesAreRefusedWhileTheOldOneServes() throws IOException {
        Path file = Files.write(dir.resolve("model.onnx"), GoldenModel.modelBytes());
        float[] windows = GoldenModel.windows(GoldenModel.cases());
        int batch = GoldenModel.cases().size();
        try (SwappableModel model = new SwappableModel(OnnxModel.load(file, InferenceOptions.defaults()));
             ModelReloader reloader = ModelReloader.start(file, model, InferenceOptions.defaults(),
                     Duration.ofHours(1), listener)) {
            String first = model.modelVersion();
            reloader.check();
            assertTrue(accepted.isEmpty() && refused.isEmpty(), "an unchanged file is not reloaded");

            Files.write(file, ModelVariants.retrained("2026-11-21T00:00:00Z"));
            reloader.check();
            assertEquals(List.of(model.modelVersion()), accepted, "the new version is served");
            assertNotEquals(first, model.modelVersion());
            assertEquals(1, model.generation(), "processors learn that forecasts must be re-derived");
            assertEquals(batch * 3, model.forecast(windows, batch).length, "the new model forecasts");

            String second = model.modelVersion();
            Files.write(file, new byte[] {1, 2, 3, 4});
            reloader.check();
            Files.write(file, ModelVariants.otherStep());
            reloader.check();
            assertEquals(2, refused.size(), "a corrupt and an incompatible model are both refused: " + refused);
            assertTrue(refused.get(0).contains("cannot be served"), refused.get(0));
            assertTrue(refused.get(1).contains("stepMillis"), refused.get(1));
            assertEquals(second, model.modelVersion(), "the last good model keeps serving");
            assertEquals(1, model.generation());
            assertEquals(batch * 3, model.forecast(windows, batch).length);
        }
    }
}
