package dev.vigil.streamer.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamerCliTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = StreamerCli.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run run(String... args) {
        return run(Map.of(), args);
    }

    private static void assertUserError(Run run, String... fragments) {
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("error: "), run.err());
        for (String fragment : fragments) {
            assertTrue(run.err().contains(fragment), "expected '" + fragment + "' in: " + run.err());
        }
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertEquals("", run.out());
    }

    @Test
    void helpDocumentsEveryOption() {
        Run run = run("--help");
        assertEquals(0, run.exitCode(), run.err());
        CommandLine cli = new CommandLine(new StreamerCli(System.out, Map.of()));
        for (OptionSpec option : cli.getCommandSpec().options()) {
            assertTrue(run.out().contains(option.longestName()), "--help should list " + option.longestName());
            assertTrue(option.description().length > 0 && !option.description()[0].isBlank(),
                    option.longestName() + " should have a description");
        }
        assertTrue(run.out().contains("VIGIL_<NAME>"), "--help states the environment rule: " + run.out());
    }

    @Test
    void printConfigShowsEffectiveValuesAndMasksSecrets() throws IOException {
        Path file = Files.writeString(dir.resolve("streamer.properties"), String.join("\n",
                "vigil.model.path=file.onnx", "vigil.batch.max.size=10", "ssl.truststore.password=tr0st"));
        Run run = run(Map.of("VIGIL_KAFKA_SASL_JAAS_CONFIG", "PlainLoginModule required password=\"s3cret\";",
                        "VIGIL_BATCH_MAX_SIZE", "20"),
                "--config", file.toString(), "--set", "vigil.batch.max.size=30", "--set",
                "bootstrap.servers=kafka:9092", "--print-config");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\nvigil.model.path=file.onnx\n"), run.out());
        assertTrue(run.out().contains("\nvigil.batch.max.size=30\n"), run.out());
        assertTrue(run.out().contains("\nvigil.labels.max=32\n"), "defaults shown: " + run.out());
        assertTrue(run.out().contains("\nbootstrap.servers=kafka:9092\n"), run.out());
        assertTrue(run.out().contains("\nsasl.jaas.config=[hidden]\n"), run.out());
        assertTrue(run.out().contains("\nssl.truststore.password=[hidden]\n"), run.out());
        assertFalse(run.out().contains("s3cret") || run.out().contains("tr0st"), run.out());
    }

    @Test
    void setValueMayContainEqualsSigns() {
        Run run = run("--set", "vigil.model.path=m.onnx", "--set", "client.id=a=b", "--print-config");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\nclient.id=a=b\n"), run.out());
    }

    @Test
    void missingModelPathIsAClearError() {
        assertUserError(run("--set", "vigil.batch.max.size=8"), "vigil.model.path", "VIGIL_MODEL_PATH");
    }

    @Test
    void missingModelFileIsAClearError() {
        Path missing = dir.resolve("nope.onnx");
        assertUserError(run(Map.of("VIGIL_MODEL_PATH", missing.toString())), "vigil.model.path", missing.toString());
    }

    @Test
    void invalidModelFileIsAClearError() throws IOException {
        Path model = Files.writeString(dir.resolve("garbage.onnx"), "not a model");
        assertUserError(run("--set", "vigil.model.path=" + model), "garbage.onnx");
    }

    @Test
    void badValueNamesKeyAndValue() {
        assertUserError(run("--set", "vigil.model.path=m.onnx", "--set", "vigil.inference.provider=tpu"),
                "vigil.inference.provider", "tpu");
    }

    @Test
    void unknownKeySuggestsTheClosestOne() {
        assertUserError(run("--set", "vigil.model.path=m.onnx", "--set", "vigil.score.smoothing=0.3"),
                "vigil.score.smoothing", "--set", "vigil.score.smoothing.alpha");
    }

    @Test
    void malformedOptionsAreOneLineErrors() {
        assertUserError(run("--set", "novalue"), "--set");
        assertUserError(run("--bogus"), "--bogus");
    }
}
