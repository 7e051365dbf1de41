package dev.vigil.testsupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Kafka broker in a child process, for tests that stop it and start it again: one combined KRaft node
 * (broker and controller, a single-node dynamic quorum) on fixed local ports, its log directory, configuration and
 * output ({@link #logFile()}) in a temporary folder that is deleted on close. The child runs the broker's own jars
 * (see {@link BrokerJars}), not the tests' class path.
 *
 * <p>{@link #launch()} formats the storage once and starts the broker; {@link #stop()} (SIGTERM, a clean shutdown)
 * or {@link #kill()} (SIGKILL, a crash) ends it, and {@link #start()} runs it again on the same ports and log
 * directory, so clients that kept running reconnect by themselves. Close is idempotent.
 *
 * <p>Like {@link KafkaTestCluster}, quiets the Kafka clients' INFO logs in this JVM when slf4j-simple is the binding,
 * unless the test run sets {@code org.slf4j.simpleLogger.log.org.apache.kafka} itself.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerProcess.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    static {
        TestTopics.quietKafkaLogs();
    }

    private final Path baseDir;
    private final BrokerJvm jvm;
    private final String bootstrapServers;
    private final Thread reaper = new Thread(this::destroyNow, "kafka-broker-process-reaper");
    private volatile Process process;
    private Admin admin;
    private boolean closed;

    private KafkaBrokerProcess(Path baseDir) throws IOException {
        BrokerNodeConfig node = BrokerNodeConfig.onFreePorts(baseDir.resolve("data"));
        this.baseDir = baseDir;
        this.jvm = new BrokerJvm(baseDir, node, BrokerJars.classPath());
        this.bootstrapServers = node.bootstrapServers();
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Formats a fresh log directory with a new cluster id and starts the broker; waits until it serves clients. */
    public static KafkaBrokerProcess launch() {
        Path baseDir;
        try {
            baseDir = Files.createTempDirectory("vigil-kafka-process-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a folder for the broker process", e);
        }
        KafkaBrokerProcess broker = null;
        try {
            broker = new KafkaBrokerProcess(baseDir);
            broker.jvm.format();
            broker.start();
            return broker;
        } catch (IOException | RuntimeException e) {
            if (broker != null) {
                broker.close();
            } else {
                deleteRecursively(baseDir);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("could not launch the Kafka broker process", io);
            }
            throw (RuntimeException) e;
        }
    }

    /** The {@code bootstrap.servers} value for clients; the same after every restart. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The broker's standard output and error, across restarts. */
    public Path logFile() {
        return jvm.logFile();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the broker on the formatted log directory and waits until it answers clients. */
    public synchronized void start() {
        checkOpen();
        if (isRunning()) {
            throw new IllegalStateException("the broker process is already running (pid " + process.pid() + ")");
        }
        long started = System.nanoTime();
        process = jvm.startServer();
        jvm.awaitServing(process);
        LOG.info("Kafka broker process (pid {}) ready at {} in {} ms", process.pid(), bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** Stops the broker with SIGTERM (a controlled shutdown) and waits until it has exited; SIGKILL after 30 s. */
    public synchronized Duration stop() {
        checkOpen();
        return end(false);
    }

    /**
     * Ends the broker with SIGKILL, as in a crash, and waits until it has exited. The next {@link #start()} takes
     * about 9 s longer than after {@link #stop()}: the controller refuses the new incarnation's registration until
     * the killed one's session ({@code broker.session.timeout.ms}) has expired.
     */
    public synchronized Duration kill() {
        checkOpen();
        return end(true);
    }

    /** Creates a topic with replication factor 1 and waits until every partition has a leader. */
    public void createTopic(String name, int partitions) {
        checkOpen();
        TestTopics.create(admin(), bootstrapServers, name, partitions, Duration.ofSeconds(30));
    }

    /** An admin client of this broker, created on first use; it reconnects after a restart. */
    public synchronized Admin admin() {
        checkOpen();
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
            if (isRunning()) {
                end(false);
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            deleteRecursively(baseDir);
        }
    }

    private Duration end(boolean hard) {
        if (!isRunning()) {
            throw new IllegalStateException("the broker process is not running");
        }
        long started = System.nanoTime();
        if (hard) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Kafka broker process (pid {}) still running {} after SIGTERM; killing it", process.pid(),
                        STOP_TIMEOUT);
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while stopping the broker process", e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("Kafka broker process (pid {}) {} in {} ms, exit {}", process.pid(), hard ? "killed" : "stopped",
                took.toMillis(), process.exitValue());
        return took;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }

    private void destroyNow() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException("KafkaBrokerProcess is closed");
        }
    }
}
