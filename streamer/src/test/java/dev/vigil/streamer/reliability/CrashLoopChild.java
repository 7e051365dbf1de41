package dev.vigil.streamer.reliability;

import dev.vigil.streamer.it.StreamerProcess;
import dev.vigil.streamer.topology.StreamerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One streamer process of the crash loop ({@link StreamerProcess} with the default settings), with a state directory of its own; its output
 * goes to a log file beside that directory.
 */
final class CrashLoopChild {

    private final Process process;
    private final Path log;
    private final long startedNanos = System.nanoTime();

    private CrashLoopChild(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    private static final StreamerSettings DEFAULTS = StreamerSettings.defaults();

    /** Starts a streamer process with a new, empty state directory {@code dir/state-<n>}. */
    static CrashLoopChild start(String bootstrapServers, Path modelFile, Path dir, int n, String applicationId,
                                String guarantee) {
        Path stateDir = dir.resolve("state-" + n);
        Path log = dir.resolve("streamer-" + n + ".log");
        if (Files.exists(stateDir)) {
            throw new IllegalStateException(stateDir + " exists: every instance starts with an empty state directory");
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn",
                StreamerProcess.class.getName(), bootstrapServers, modelFile.toString(), stateDir.toString(),
                applicationId, Integer.toString(DEFAULTS.batchMaxSize()), Long.toString(DEFAULTS.batchMaxLingerMs()),
                guarantee);
        // the class path goes in the environment: a very long command line crashes ONNX Runtime at start
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        builder.redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        try {
            return new CrashLoopChild(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the streamer process", e);
        }
    }

    /** Waits until the process reports RUNNING; returns the milliseconds since it was started. */
    long awaitRunning(long timeoutSeconds) throws InterruptedException {
        long deadline = startedNanos + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the streamer process exited with " + process.exitValue() + ":\n"
                        + logTail(40));
            }
            if (logTail(Integer.MAX_VALUE).contains(StreamerProcess.RUNNING)) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the streamer process was not running after " + timeoutSeconds + " s:\n"
                + logTail(40));
    }

    /** SIGKILL: no shutdown hook, no flush, no commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the streamer process did not die within 30 s of SIGKILL");
        }
    }

    /** The last lines of the process's output. */
    String logTail(int lines) {
        try {
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
