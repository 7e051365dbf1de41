package dev.vigil.streamer.cli;

import dev.vigil.streamer.cli.StreamsRunner.StreamsFailedException;
import dev.vigil.testsupport.KafkaTestCluster;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** A stream thread that fails on a real broker: the runner shuts the client down and rethrows the error. */
class StreamsRunnerIT {

    private static KafkaTestCluster kafka;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startKafka() {
        kafka = KafkaTestCluster.start();
        kafka.createTopic("runner-in", 1);
        kafka.createTopic("runner-out", 1);
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void streamThreadFailureIsRethrownAndTheResourceClosedAfterStreams() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("runner-in").mapValues(value -> {
            if (value.equals("boom")) {
                throw new IllegalStateException("poisoned record");
            }
            return value;
        }).to("runner-out");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "runner-it");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        AtomicInteger closes = new AtomicInteger();
        StreamsRunner runner = new StreamsRunner(builder.build(), props, Duration.ofSeconds(10),
                closes::incrementAndGet);

        StreamsFailedException failure = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (runner) {
                runner.start();
                kafka.produce("runner-in", List.of(Map.entry("k", "fine"), Map.entry("k", "boom")));
                return assertThrows(StreamsFailedException.class, runner::awaitTermination);
            }
        });
        assertEquals(State.ERROR, runner.state());
        Throwable cause = failure;
        while (cause.getCause() != null && !"poisoned record".equals(cause.getMessage())) {
            cause = cause.getCause();
        }
        assertEquals("poisoned record", cause.getMessage(), "the stream thread's error is the cause");
        assertEquals(1, closes.get(), "resource closed once, after Kafka Streams");
    }
}
