package dev.vigil.streamer.input;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/input-formats.md shows the example records the decoder tests use, unchanged. */
class InputFormatsDocTest {

    private static final Path DOC = Path.of("..", "docs", "input-formats.md");
    private static final Pattern BLOCK = Pattern.compile("```(json)?\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyExampleRecordIsInTheDocs() throws IOException {
        List<String> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(Files.readString(DOC));
        while (m.find()) {
            blocks.add(m.group(2));
        }
        for (String json : List.of("telegraf.json", "telegraf-batch.json", "prometheus-adapter.json",
                "otlp-metrics.json")) {
            JsonNode example = InputExamples.JSON.readTree(InputExamples.bytes(json));
            assertTrue(blocks.stream().anyMatch(block -> example.equals(tree(block))),
                    DOC + " shows " + json + " (as JSON, layout aside)");
        }
        String lines = new String(InputExamples.bytes("influx-line.txt"), StandardCharsets.UTF_8);
        assertTrue(blocks.contains(lines), DOC + " shows influx-line.txt as it is");
    }

    private static JsonNode tree(String block) {
        try {
            return InputExamples.JSON.readTree(block);
        } catch (IOException notJson) {
            return null;
        }
    }
}
