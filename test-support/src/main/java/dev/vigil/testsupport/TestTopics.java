package dev.vigil.testsupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What the test brokers share: creating a topic and waiting for its leaders, and quiet client logs. */
final class TestTopics {

    private TestTopics() {
    }

    /** Creates a topic with replication factor 1 and waits until every partition has a leader. */
    static void create(Admin admin, String bootstrapServers, String name, int partitions, Duration timeout) {
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            awaitLeaders(admin, name, partitions, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic '" + name + "'", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topic '" + name + "' on " + bootstrapServers, e);
        }
    }

    private static void awaitLeaders(Admin admin, String topic, int partitions, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                TopicDescription d = admin.describeTopics(Set.of(topic)).allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
                if (d.partitions().size() == partitions && d.partitions().stream().allMatch(p -> p.leader() != null)) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of '" + topic + "' have no leader after " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /** Quiets the Kafka clients' INFO logs in this JVM when slf4j-simple is the binding, unless the run sets them. */
    static void quietKafkaLogs() {
        for (String logger : List.of("org.apache.kafka", "kafka", "state.change.logger")) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
    }
}
