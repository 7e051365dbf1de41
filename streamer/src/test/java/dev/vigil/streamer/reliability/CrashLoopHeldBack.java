package dev.vigil.streamer.reliability;

import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How long {@code read_committed} readers of an output topic are held back after a kill: the killed instance's open
 * transaction keeps each partition's last stable offset where it started until the broker aborts it, so what was
 * written before the kill becomes readable only then. Measured in the background, every 100 ms.
 */
final class CrashLoopHeldBack implements AutoCloseable {

    private final CrashLoopTopics topics;
    private final String topic;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "crash-loop-held-back");
        t.setDaemon(true);
        return t;
    });
    private final Map<Integer, Long> heldBackMs = new ConcurrentHashMap<>();

    CrashLoopHeldBack(CrashLoopTopics topics, String topic) {
        this.topics = topics;
        this.topic = topic;
    }

    /** The topic's end offsets, to pass to {@link #killed} right after the kill. */
    Map<TopicPartition, Long> ends() throws Exception {
        return topics.ends(topic, IsolationLevel.READ_UNCOMMITTED);
    }

    /** Starts measuring for kill {@code n}: until every partition is readable up to {@code endsAtKill}. */
    void killed(int n, Map<TopicPartition, Long> endsAtKill, long killedNanos) {
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        task.set(timer.scheduleWithFixedDelay(() -> {
            try {
                Map<TopicPartition, Long> stable = topics.ends(topic, IsolationLevel.READ_COMMITTED);
                if (endsAtKill.entrySet().stream().allMatch(e -> stable.get(e.getKey()) >= e.getValue())) {
                    heldBackMs.putIfAbsent(n, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedNanos));
                    task.get().cancel(false);
                }
            } catch (Exception e) {
                // the broker is busy or closing: try again at the next tick
            }
        }, 0, 100, TimeUnit.MILLISECONDS));
    }

    /** Milliseconds from kill {@code n} until what was written before it was readable, or -1 if not yet. */
    long heldBackMs(int n) {
        return heldBackMs.getOrDefault(n, -1L);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
