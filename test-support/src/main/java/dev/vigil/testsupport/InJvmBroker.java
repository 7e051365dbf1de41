package dev.vigil.testsupport;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The broker in this JVM: one combined KRaft node (broker and controller) from Kafka's test kit, its log and metadata
 * directories under a fresh temporary folder that is deleted on close.
 */
final class InJvmBroker implements AutoCloseable {

    /** Broker settings for a one-node cluster: every internal topic with one replica, no rebalance delay. */
    static final Map<String, Object> BROKER_CONFIG = Map.ofEntries(
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("default.replication.factor", "1"),
            Map.entry("min.insync.replicas", "1"),
            // tests replay event times older than the default 7-day retention: keep their records
            Map.entry("log.retention.ms", "-1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"));

    private final KafkaClusterTestKit kit;
    private final Path baseDir;

    private InJvmBroker(KafkaClusterTestKit kit, Path baseDir) {
        this.kit = kit;
        this.baseDir = baseDir;
    }

    static InJvmBroker start() {
        Path baseDir;
        try {
            baseDir = Files.createTempDirectory("vigil-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a folder for the test broker", e);
        }
        KafkaClusterTestKit kit = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(baseDir)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
            BROKER_CONFIG.forEach(builder::setConfigProp);
            kit = builder.build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return new InJvmBroker(kit, baseDir);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(kit, e);
            deleteRecursively(baseDir);
            throw new IllegalStateException("could not start the in-JVM Kafka broker", e);
        }
    }

    String bootstrapServers() {
        return kit.bootstrapServers();
    }

    @Override
    public void close() {
        try {
            kit.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the in-JVM Kafka broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the in-JVM Kafka broker", e);
        } finally {
            deleteRecursively(baseDir);
        }
    }

    private static void closeQuietly(KafkaClusterTestKit kit, Exception failure) {
        if (kit == null) {
            return;
        }
        try {
            kit.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
