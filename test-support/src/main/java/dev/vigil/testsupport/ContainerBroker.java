package dev.vigil.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.ServiceConfigurationError;

/** The broker as a container of the official {@code apache/kafka} image, used where a Docker engine is available. */
final class ContainerBroker {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerBroker.class);

    record Started(KafkaContainer container, String bootstrapServers, String image) {
    }

    private ContainerBroker() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
            LOG.warn("Could not look for a Docker engine, using the in-JVM broker: {}", e.toString());
            return false;
        }
    }

    static Started start(String image) {
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(image))
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        try {
            container.start();
            return new Started(container, container.getBootstrapServers(), image);
        } catch (RuntimeException e) {
            container.close();
            throw e;
        }
    }
}
