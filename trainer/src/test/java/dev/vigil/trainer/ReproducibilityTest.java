package dev.vigil.trainer;

import ai.onnx.proto.OnnxMl;
import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.SyntheticHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Same seed and data give the same model; another seed gives another. */
class ReproducibilityTest {

    @TempDir
    Path dir;

    @Test
    void sameSeedAndDataGiveTheSameModel() throws IOException {
        History history = SyntheticHistory.of(4, 800, 9).generate();
        TrainingReport first = SmallRuns.run(SmallRuns.request(history, List.of(), 2, 7, dir.resolve("a.onnx"), false));
        TrainingReport second = SmallRuns.run(SmallRuns.request(history, List.of(), 2, 7, dir.resolve("b.onnx"), false));
        TrainingReport other = SmallRuns.run(SmallRuns.request(history, List.of(), 2, 8, dir.resolve("c.onnx"), false));

        assertEquals(first.fit().epochs().stream().map(e -> e.trainLoss()).toList(),
                second.fit().epochs().stream().map(e -> e.trainLoss()).toList(), "loss curves of two equal runs");
        assertEquals(graph(first.model()), graph(second.model()), "weights and graph of two runs with seed 7");
        assertNotEquals(graph(first.model()), graph(other.model()), "seed 8 should give other weights than seed 7");
    }

    private static OnnxMl.GraphProto graph(Path model) throws IOException {
        return OnnxMl.ModelProto.parseFrom(Files.readAllBytes(model)).getGraph();
    }
}
