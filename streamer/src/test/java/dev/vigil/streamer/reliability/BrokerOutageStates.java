package dev.vigil.streamer.reliability;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Records every state change of a Kafka Streams client with its time, and any exception that reached a stream
 * thread's handler (the client is then shut down, so the failure shows instead of a thread being replaced).
 */
final class BrokerOutageStates implements KafkaStreams.StateListener, StreamsUncaughtExceptionHandler {

    /** States that mean the client gave up: it does not come back from them by itself. */
    static final Set<State> FAILED = EnumSet.of(State.PENDING_ERROR, State.ERROR, State.PENDING_SHUTDOWN,
            State.NOT_RUNNING);

    record Change(long nanos, State from, State to) {
    }

    private final List<Change> changes = new ArrayList<>();
    private final List<Throwable> uncaught = new ArrayList<>();

    @Override
    public synchronized void onChange(State newState, State oldState) {
        changes.add(new Change(System.nanoTime(), oldState, newState));
        notifyAll();
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        uncaught.add(exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    synchronized List<Change> changes() {
        return List.copyOf(changes);
    }

    synchronized List<Throwable> uncaught() {
        return List.copyOf(uncaught);
    }

    synchronized State current() {
        return changes.isEmpty() ? State.CREATED : changes.get(changes.size() - 1).to();
    }

    /** The changes into a state that means the client gave up. */
    synchronized List<Change> failures() {
        return changes.stream().filter(c -> FAILED.contains(c.to())).toList();
    }

    /** Waits until the client is RUNNING; false if it is not within the timeout or it failed first. */
    synchronized boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (current() != State.RUNNING && failures().isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return current() == State.RUNNING;
    }

    /** The first change out of RUNNING at or after {@code sinceNanos}, or null. */
    synchronized Change firstLeftRunning(long sinceNanos) {
        return changes.stream().filter(c -> c.nanos() >= sinceNanos && c.from() == State.RUNNING).findFirst()
                .orElse(null);
    }

    /** The last change into RUNNING, or null. */
    synchronized Change lastRunning() {
        Change last = null;
        for (Change c : changes) {
            if (c.to() == State.RUNNING) {
                last = c;
            }
        }
        return last;
    }

    /** The changes as "FROM->TO at +s.s s", times relative to {@code originNanos}. */
    synchronized String describe(long originNanos) {
        return changes.stream().map(c -> String.format(Locale.ROOT, "%s->%s at +%.1f s", c.from(), c.to(),
                (c.nanos() - originNanos) / 1e9)).collect(Collectors.joining(", "));
    }
}
