package dev.vigil.streamer.cli;

import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Lifecycle without a broker: Kafka Streams starts, keeps looking for one, and must still close in time. */
class StreamsRunnerTest {

    @TempDir
    Path stateDir;

    private StreamsRunner runner(AutoCloseable resource) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        Topology topology = builder.build();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "runner-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new StreamsRunner(topology, props, Duration.ofSeconds(10), resource);
    }

    @Test
    void closeStopsStreamsThenTheResourceOnceAndReleasesWaiters() {
        AtomicInteger closes = new AtomicInteger();
        StreamsRunner runner = runner(closes::incrementAndGet);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            runner.start();
            Thread waiter = new Thread(() -> {
                try {
                    runner.awaitTermination();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            waiter.start();
            runner.close();
            waiter.join();
            runner.close();
        });
        assertEquals(State.NOT_RUNNING, runner.state());
        assertEquals(1, closes.get(), "resource closed exactly once");
    }

    @Test
    void aSecondCloseWaitsUntilTheFirstHasFinished() {
        AtomicInteger closes = new AtomicInteger();
        CountDownLatch resourceClosing = new CountDownLatch(1);
        StreamsRunner runner = runner(() -> {
            resourceClosing.countDown();
            Thread.sleep(500);
            closes.incrementAndGet();
        });
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            runner.start();
            Thread first = new Thread(runner::close);
            first.start();
            resourceClosing.await();
            runner.close();
            assertEquals(1, closes.get(), "the second close returned only after the first closed the resource");
            first.join();
        });
    }

    @Test
    void startsOnlyOnce() {
        StreamsRunner runner = runner(() -> { });
        try (runner) {
            runner.start();
            assertThrows(IllegalStateException.class, runner::start);
        }
    }

    @Test
    void closeWithoutStartClosesTheResource() {
        AtomicInteger closes = new AtomicInteger();
        runner(closes::incrementAndGet).close();
        assertEquals(1, closes.get());
    }
}
