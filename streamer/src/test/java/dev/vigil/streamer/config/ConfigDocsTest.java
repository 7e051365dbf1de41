package dev.vigil.streamer.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigDocsTest {

    /** The committed reference, relative to the streamer module, where the tests run. */
    private static final Path DOCS = Path.of("..", "docs", "configuration.md");

    @Test
    void committedDocsMatchTheDeclarations() throws IOException {
        assertTrue(Files.exists(DOCS), DOCS.toAbsolutePath() + " is missing; generate it with: " + ConfigDocs.REGENERATE);
        assertEquals(ConfigDocs.markdown(), Files.readString(DOCS, StandardCharsets.UTF_8),
                "docs/configuration.md is out of date with VigilConfig; regenerate it from the repository root with: "
                        + ConfigDocs.REGENERATE);
    }

    @Test
    void everyKeyHasARowWithItsEnvironmentVariable() {
        String markdown = ConfigDocs.markdown();
        for (String key : VigilConfig.configDef().names()) {
            assertTrue(markdown.contains("| `" + key + "` | `" + EnvironmentMapping.variableFor(key) + "` |"), key);
        }
    }
}
