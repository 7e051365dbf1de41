package dev.vigil.streamer.cli;

import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Owns one Kafka Streams client's lifecycle: start, wait, rethrow a captured error, close within a timeout, log the
 * outcome. A JVM shutdown hook (SIGTERM, Ctrl-C) closes it; a stream thread's uncaught exception shuts the client
 * down and is rethrown by {@link #awaitTermination()}. The resource handed in (the model) is closed after Kafka
 * Streams, since stream threads use it until they stop.
 */
public final class StreamsRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamsRunner.class);

    private final KafkaStreams streams;
    private final Duration closeTimeout;
    private final AutoCloseable resource;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final CountDownLatch closeDone = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::close, "vigil-shutdown");

    /**
     * @param closeTimeout longest {@link #close()} waits for Kafka Streams
     * @param resource     closed after Kafka Streams, such as the model the topology calls
     */
    public StreamsRunner(Topology topology, Properties streamsProperties, Duration closeTimeout,
                         AutoCloseable resource) {
        this(new KafkaStreams(topology, streamsProperties), closeTimeout, resource);
    }

    /**
     * Runs a client created by the caller (to bind its metrics before it starts).
     *
     * @param closeTimeout longest {@link #close()} waits for Kafka Streams
     * @param resource     closed after Kafka Streams, such as the model the topology calls
     */
    public StreamsRunner(KafkaStreams streams, Duration closeTimeout, AutoCloseable resource) {
        this.streams = streams;
        this.closeTimeout = closeTimeout;
        this.resource = resource;
    }

    /** Starts Kafka Streams and installs the shutdown hook; call once. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("StreamsRunner already started");
        }
        streams.setStateListener((newState, oldState) -> {
            log.info("Kafka Streams state {} -> {}", oldState, newState);
            if (newState == State.NOT_RUNNING || newState == State.ERROR) {
                terminated.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(error -> {
            log.error("Stream thread failed; shutting down the Kafka Streams client", error);
            failure.compareAndSet(null, error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        streams.start();
        log.info("Kafka Streams started");
    }

    /** The client's current state. */
    public State state() {
        return streams.state();
    }

    /**
     * Blocks until Kafka Streams is NOT_RUNNING or ERROR, or this runner is closed.
     *
     * @throws StreamsFailedException when a stream thread failed
     */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
        Throwable error = failure.get();
        if (error != null) {
            throw new StreamsFailedException("Kafka Streams stopped after a stream thread failed: " + error, error);
        }
        if (streams.state() == State.ERROR) {
            throw new StreamsFailedException("Kafka Streams stopped in state ERROR", null);
        }
    }

    /**
     * Closes Kafka Streams within the timeout, then the resource; idempotent, safe from any thread. A call while
     * another thread is closing (the shutdown hook, say) waits until that close has finished, so that whoever
     * closes next (the broker, the metrics endpoint) finds Kafka Streams stopped.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            awaitClose();
            return;
        }
        if (Thread.currentThread() != shutdownHook && started.get()) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shutdownInProgress) {
                // the JVM is exiting; the hook is running or about to run and will find us closed
            }
        }
        long begin = System.nanoTime();
        // leave the group: the other instances take this one's partitions now, not after its session times out
        boolean clean = streams.close(CloseOptions.timeout(closeTimeout)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        long millis = (System.nanoTime() - begin) / 1_000_000;
        if (clean) {
            log.info("Kafka Streams closed in {} ms", millis);
        } else {
            log.warn("Kafka Streams did not close within {} ms (state {}); stopping anyway", closeTimeout.toMillis(),
                    streams.state());
        }
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("Closing {} failed", resource, e);
        } finally {
            terminated.countDown();
            closeDone.countDown();
        }
    }

    private void awaitClose() {
        try {
            // the closing thread gives Kafka Streams closeTimeout, then closes the resource
            if (!closeDone.await(closeTimeout.toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
                log.warn("Another thread's close of Kafka Streams has not finished; going on");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kafka Streams shut down after an error; the cause, if any, is the failed stream thread's exception. */
    public static final class StreamsFailedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        StreamsFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
