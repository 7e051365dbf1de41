package dev.vigil.streamer.cli;

import dev.vigil.streamer.config.InputKeys;
import dev.vigil.streamer.config.VigilConfig;
import dev.vigil.streamer.input.PointDecoder;
import dev.vigil.streamer.input.SkippedValues;
import dev.vigil.streamer.topology.VigilTopology;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Sets up the input stage for agent formats: the decoder, and the points topic that re-keys points by series id,
 * created when missing with as many partitions as the metrics topic. Native Vigil JSON needs neither.
 */
final class InputStage {

    private static final Logger LOG = LoggerFactory.getLogger(InputStage.class);

    private InputStage() {
    }

    /** The fan-out stage, or null for vigil-json input. */
    static VigilTopology.FanOut fanOut(VigilConfig config) {
        InputKeys.Settings input = InputKeys.settings(config);
        if (!input.fansOut()) {
            return null;
        }
        Properties streams = config.streamsProperties();
        String pointsTopic = streams.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + InputKeys.POINTS_TOPIC_SUFFIX;
        ensureTopic(streams, config.toSettings().inputTopic(), pointsTopic);
        LOG.info("input format {}: points are re-keyed by series id through topic '{}'", input.format(), pointsTopic);
        return new VigilTopology.FanOut(input.decoder(), pointsTopic);
    }

    /** Counts of values the decoder skipped (strings, NaN, histograms), as {@code vigil_input_skipped_total}. */
    static void meterSkipped(PointDecoder decoder, MeterRegistry registry) {
        for (SkippedValues.Reason reason : SkippedValues.Reason.values()) {
            FunctionCounter.builder("vigil.input.skipped", decoder, d -> d.skipped().count(reason))
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .description("Values the input decoder skipped instead of applying")
                    .register(registry);
        }
    }

    private static void ensureTopic(Properties streams, String inputTopic, String pointsTopic) {
        Properties props = new Properties();
        streams.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k.toString())) {
                props.put(k, v);
            }
        });
        try (Admin admin = Admin.create(props)) {
            int partitions = admin.describeTopics(List.of(inputTopic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(inputTopic).partitions().size();
            Optional<Short> replication = Optional.ofNullable(streams.getProperty(StreamsConfig.REPLICATION_FACTOR_CONFIG))
                    .map(Short::parseShort).filter(r -> r > 0);
            admin.createTopics(List.of(new NewTopic(pointsTopic, Optional.of(partitions), replication)
                    .configs(Map.of()))).all().get(30, TimeUnit.SECONDS);
            LOG.info("created points topic '{}' with {} partitions", pointsTopic, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not set up the points topic '" + pointsTopic + "' for metrics "
                        + "topic '" + inputTopic + "': " + e.getCause().getMessage(), e.getCause());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not reach Kafka within 30 s to set up the points topic '"
                    + pointsTopic + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up the points topic", e);
        }
    }
}
