package dev.vigil.testsupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the broker's tools in child JVMs on the broker's own jars ({@link BrokerJars}), in one folder that holds the
 * node's {@code server.properties} and the log file all of them append their output to.
 */
final class BrokerJvm {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> JVM_OPTIONS = List.of("-Xms128m", "-Xmx512m", "-XX:+UseG1GC",
            "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");

    private final Path dir;
    private final BrokerNodeConfig node;
    private final Path configFile;
    private final Path logFile;
    private final String classPath;

    /** Writes the node's configuration into {@code dir}. */
    BrokerJvm(Path dir, BrokerNodeConfig node, String classPath) throws IOException {
        this.dir = dir;
        this.node = node;
        this.classPath = classPath;
        this.configFile = dir.resolve("server.properties");
        this.logFile = dir.resolve("broker.log");
        Files.writeString(configFile, node.properties(), StandardCharsets.UTF_8);
    }

    Path logFile() {
        return logFile;
    }

    /** Formats the node's log directory with a new cluster id as a single-node dynamic quorum. */
    void format() {
        Process formatter = launch("kafka.tools.StorageTool", "format", "--config", configFile.toString(),
                "--cluster-id", Uuid.randomUuid().toString(), "--standalone");
        try {
            if (!formatter.waitFor(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                formatter.destroyForcibly();
                throw new IllegalStateException("formatting the broker's storage took over " + READY_TIMEOUT
                        + "; its output:\n" + logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            formatter.destroyForcibly();
            throw new IllegalStateException("interrupted while formatting the broker's storage", e);
        }
        if (formatter.exitValue() != 0) {
            throw new IllegalStateException("formatting the broker's storage failed (exit " + formatter.exitValue()
                    + "); its output:\n" + logTail());
        }
    }

    /** Starts the broker; {@link #awaitServing(Process)} waits until it answers clients. */
    Process startServer() {
        return launch("kafka.Kafka", configFile.toString());
    }

    /** Waits until the broker accepts connections and describes the cluster with itself in it. */
    void awaitServing(Process broker) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try {
            // an admin client retrying a closed port logs a warning on every attempt: connect first
            while (!listening()) {
                checkAlive(broker, deadline);
                Thread.sleep(100);
            }
            try (Admin probe = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, node.bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
                while (true) {
                    try {
                        if (!probe.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
                            return;
                        }
                    } catch (ExecutionException | TimeoutException notYet) {
                        // listening, not serving yet
                    }
                    checkAlive(broker, deadline);
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker process", e);
        }
    }

    /** The last 40 lines of the log file, for error messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(could not read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    private Process launch(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().put("CLASSPATH", classPath);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + mainClass + " in a child JVM", e);
        }
    }

    private void checkAlive(Process broker, long deadline) {
        if (!broker.isAlive()) {
            throw new IllegalStateException("the broker process exited (code " + broker.exitValue()
                    + ") before it was ready; its output:\n" + logTail());
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the broker process was not ready within " + READY_TIMEOUT
                    + "; its output:\n" + logTail());
        }
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(node.host(), node.brokerPort()), 200);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
